import { describe, expect, it } from '@jest/globals';
import { createCipheriv } from 'node:crypto';
import fc from 'fast-check';
import { open, seal, SealBrokenError } from './sm4-seal.js';

const key = Buffer.alloc(32, 7);

describe('SM4 sealing of personal data', () => {
  it('is the SM4 of GB/T 32907: the standard test vector (key and plaintext 0123456789abcdeffedcba9876543210)', () => {
    // GB/T 32907-2016 appendix A.1: one block, ECB
    const k = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const cipher = createCipheriv('sm4-ecb', k, null).setAutoPadding(false);
    expect(Buffer.concat([cipher.update(k), cipher.final()]).toString('hex')).toBe(
      '681edf34d206965e86b3e94f536e4246',
    );
  });

  it('opens what it sealed, under the same key and owner, for any bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.string({ maxLength: 40 }),
        (bytes, owner) => {
          const sealed = seal(key, bytes, owner);
          expect(open(key, sealed, owner).equals(Buffer.from(bytes))).toBe(true);
        },
      ),
    );
  });

  it('never shows the plaintext: same value sealed twice gives two ciphertexts, neither holding it', () => {
    const plaintext = Buffer.from('{"nationalId":"37080219700506001X"}');
    const a = seal(key, plaintext, 'per_1');
    const b = seal(key, plaintext, 'per_1');
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.ciphertext.length).toBe(plaintext.length * 2);
    expect(Buffer.from(a.ciphertext, 'hex').toString()).not.toContain('37080219700506001X');
  });

  it('refuses another key, another owner, and any edited byte', () => {
    const sealed = seal(key, Buffer.from('张三'), 'per_1');
    expect(() => open(Buffer.alloc(32, 8), sealed, 'per_1')).toThrow(SealBrokenError);
    expect(() => open(key, sealed, 'per_2')).toThrow(SealBrokenError);
    const flipped = sealed.ciphertext.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(() => open(key, { ...sealed, ciphertext: flipped }, 'per_1')).toThrow(SealBrokenError);
  });
});
