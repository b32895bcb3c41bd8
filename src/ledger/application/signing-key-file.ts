import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { publicKeyOf, randomScalar, type Sm2PublicKey } from '../domain/sm2.js';
import { parsePrivateKeyPem, privateKeyPem, publicKeyPem } from '../domain/sm2-keys.js';

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
  let created = false;
  try {
    statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new SigningKeyError(path, (error as Error).message);
    created = createKeyFile(path);
  }
  return { ...readKey(path), created };
}

/** Reads an existing key file (never creates one): for the CLI's checks. */
export function loadSigningKey(path: string): SigningKey {
  return readKey(path);
}

function createKeyFile(path: string): boolean {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const privateKey = randomScalar();
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, privateKeyPem(privateKey, publicKeyOf(privateKey)));
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new SigningKeyError(path, (error as Error).message);
  } finally {
    unlinkSync(temporary);
  }
}

function readKey(path: string): SigningKey {
  const mode = statSync(path).mode;
  if ((mode & 0o077) !== 0)
    throw new SigningKeyError(
      path,
      `is readable by others (mode ${(mode & 0o777).toString(8)}); run chmod 600 on it`,
    );
  const privateKey = parsePrivateKeyPem(readFileSync(path, 'utf8'));
  if (privateKey === undefined)
    throw new SigningKeyError(path, 'must hold an SM2 private key as PKCS#8 PEM');
  const publicKey = publicKeyOf(privateKey);
  return { privateKey, publicKey, publicKeyPem: publicKeyPem(publicKey) };
}
