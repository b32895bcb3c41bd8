import { createHash } from 'node:crypto';
import { bytes32, toBigInt, type Sm2PublicKey } from './sm2.js';

// SM2 keys in the files everyone reads: the public key as a SubjectPublicKeyInfo PEM and the
// private key as PKCS#8 (id-ecPublicKey on curve sm2p256v1, OID 1.2.156.10197.1.301), the forms
// OpenSSL and GmSSL write. Only this one shape is read: anything else is refused.

const spkiPrefix = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d03420004', 'hex');
const pkcs8Prefix = Buffer.from(
  '308187020100301306072a8648ce3d020106082a811ccf5501822d046d306b0201010420',
  'hex',
);
const pkcs8Middle = Buffer.from('a14403420004', 'hex');

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function derOf(label: string, text: string): Buffer | undefined {
  const match = new RegExp(
    `-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`,
  ).exec(text);
  return match ? Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64') : undefined;
}

export function publicKeyDer(key: Sm2PublicKey): Buffer {
  return Buffer.concat([spkiPrefix, bytes32(key.x), bytes32(key.y)]);
}

export function publicKeyPem(key: Sm2PublicKey): string {
  return pem('PUBLIC KEY', publicKeyDer(key));
}

export function parsePublicKeyPem(text: string): Sm2PublicKey | undefined {
  const der = derOf('PUBLIC KEY', text);
  if (
    !der ||
    der.length !== spkiPrefix.length + 64 ||
    !der.subarray(0, spkiPrefix.length).equals(spkiPrefix)
  )
    return undefined;
  const point = der.subarray(spkiPrefix.length);
  return { x: toBigInt(point.subarray(0, 32)), y: toBigInt(point.subarray(32)) };
}

export function privateKeyPem(privateKey: bigint, key: Sm2PublicKey): string {
  return pem(
    'PRIVATE KEY',
    Buffer.concat([pkcs8Prefix, bytes32(privateKey), pkcs8Middle, bytes32(key.x), bytes32(key.y)]),
  );
}

export function parsePrivateKeyPem(text: string): bigint | undefined {
  const der = derOf('PRIVATE KEY', text);
  if (!der || der.length !== pkcs8Prefix.length + 32 + pkcs8Middle.length + 64) return undefined;
  if (!der.subarray(0, pkcs8Prefix.length).equals(pkcs8Prefix)) return undefined;
  return toBigInt(der.subarray(pkcs8Prefix.length, pkcs8Prefix.length + 32));
}

/**
 * The key id of a signed note (C2SP signed-note): the first 4 bytes of
 * SHA-256(name ‖ 0x0A ‖ type ‖ public key). SM2 has no registered type byte: 0xff followed by the
 * identifier "sm2-sm3", then the SubjectPublicKeyInfo DER.
 */
export function noteKeyHash(name: string, key: Sm2PublicKey): Buffer {
  return createHash('sha256')
    .update(Buffer.from(`${name}\n`, 'utf8'))
    .update(Buffer.of(0xff))
    .update(Buffer.from('sm2-sm3', 'utf8'))
    .update(publicKeyDer(key))
    .digest()
    .subarray(0, 4);
}
