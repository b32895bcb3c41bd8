import { publicKeyOf, randomScalar, type Sm2PublicKey } from '../domain/sm2.js';
import { parsePrivateKeyPem, privateKeyPem, publicKeyPem } from '../domain/sm2-keys.js';
import {
  loadOrCreateSecretFile,
  readSecretFile,
  type SecretFile,
} from '../../shared/secret-file.js';

// The checkpoint signing key: an SM2 private key (PKCS#8 PEM) in a file outside the database,
// created at first start with mode 0600 (as the id key, identity/id-key-file.ts). Whoever holds
// the database alone cannot sign a checkpoint, so cannot hide a rewrite from an auditor who kept one.

export class SigningKeyError extends Error {
  constructor(path: string, problem: string) {
    super(`LEDGER_SIGNING_KEY_FILE ${path}: ${problem}`);
    this.name = 'SigningKeyError';
  }
}

export interface SigningKey {
  readonly privateKey: bigint;
  readonly publicKey: Sm2PublicKey;
  readonly publicKeyPem: string;
}

export function loadOrCreateSigningKey(path: string): SigningKey & { created: boolean } {
  const { text, created } = loadOrCreateSecretFile(keyFile(path), () => {
    const privateKey = randomScalar();
    return privateKeyPem(privateKey, publicKeyOf(privateKey));
  });
  return { ...parseKey(path, text), created };
}

/** Reads an existing key file (never creates one): for the CLI's checks. */
export function loadSigningKey(path: string): SigningKey {
  return parseKey(path, readSecretFile(keyFile(path)));
}

function keyFile(path: string): SecretFile {
  return { path, problem: (message) => new SigningKeyError(path, message) };
}

function parseKey(path: string, pem: string): SigningKey {
  const privateKey = parsePrivateKeyPem(pem);
  if (privateKey === undefined)
    throw new SigningKeyError(path, 'must hold an SM2 private key as PKCS#8 PEM');
  const publicKey = publicKeyOf(privateKey);
  return { privateKey, publicKey, publicKeyPem: publicKeyPem(publicKey) };
}
