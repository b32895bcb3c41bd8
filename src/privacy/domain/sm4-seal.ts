import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

// Authenticated encryption with the Chinese national algorithms Node's OpenSSL 3 provides:
// SM4 (GB/T 32907) in CTR mode for secrecy, HMAC-SM3 (GB/T 32905) over the context, the IV and the
// ciphertext for integrity (encrypt-then-MAC; OpenSSL has no SM4-GCM in Node 20). One 256-bit key
// gives the two subkeys by HMAC-SM3 with distinct labels, so neither is ever used for both jobs.
// The context (a person id) binds a sealed value to its owner: moved to another person it fails.

export const sealAlgorithm = 'SM4-CTR+HMAC-SM3' as const;
export const sealKeyBytes = 32;
const ivBytes = 16;
const sm4KeyBytes = 16;

export interface Sealed {
  readonly algorithm: typeof sealAlgorithm;
  readonly iv: string;
  readonly ciphertext: string;
  readonly tag: string;
}

export class SealBrokenError extends Error {
  constructor(problem: string) {
    super(`sealed value refused: ${problem}`);
    this.name = 'SealBrokenError';
  }
}

function subkeys(key: Uint8Array): { encryption: Buffer; mac: Buffer } {
  if (key.length !== sealKeyBytes) throw new Error(`a seal key has ${sealKeyBytes} bytes`);
  return {
    encryption: createHmac('sm3', key).update('sm4-ctr').digest().subarray(0, sm4KeyBytes),
    mac: createHmac('sm3', key).update('hmac-sm3').digest(),
  };
}

function tagOf(mac: Buffer, context: string, iv: Buffer, ciphertext: Buffer): Buffer {
  const contextBytes = Buffer.from(context, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(contextBytes.length);
  return createHmac('sm3', mac)
    .update(length)
    .update(contextBytes)
    .update(iv)
    .update(ciphertext)
    .digest();
}

export function seal(key: Uint8Array, plaintext: Uint8Array, context: string): Sealed {
  const { encryption, mac } = subkeys(key);
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('sm4-ctr', encryption, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    algorithm: sealAlgorithm,
    iv: iv.toString('hex'),
    ciphertext: ciphertext.toString('hex'),
    tag: tagOf(mac, context, iv, ciphertext).toString('hex'),
  };
}

/** The plaintext, or SealBrokenError when the key, the context or any byte is not the sealed one. */
export function open(key: Uint8Array, sealed: Sealed, context: string): Buffer {
  if (sealed.algorithm !== sealAlgorithm)
    throw new SealBrokenError(`unknown algorithm ${sealed.algorithm}`);
  const { encryption, mac } = subkeys(key);
  const iv = Buffer.from(sealed.iv, 'hex');
  const ciphertext = Buffer.from(sealed.ciphertext, 'hex');
  const tag = Buffer.from(sealed.tag, 'hex');
  const expected = tagOf(mac, context, iv, ciphertext);
  if (iv.length !== ivBytes || tag.length !== expected.length || !timingSafeEqual(tag, expected))
    throw new SealBrokenError('tag does not match (another key, another owner, or edited bytes)');
  const decipher = createDecipheriv('sm4-ctr', encryption, iv);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}
