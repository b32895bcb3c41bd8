import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  publicKeyOf,
  randomScalar,
  signatureBytes,
  signatureFromBytes,
  signerHash,
  sm2Sign,
  sm2Verify,
  type Sm2Curve,
} from './sm2.js';

// The example of GM/T 0003.2-2012 Annex A (also draft-shen-sm2-ecdsa-02 and OpenSSL's sm2 test):
// the 256-bit example curve, ID "ALICE123@YAHOO.COM", message "message digest", a fixed k.
const exampleCurve: Sm2Curve = {
  p: 0x8542d69e4c044f18e8b92435bf6ff7de457283915c45517d722edb8b08f1dfc3n,
  a: 0x787968b4fa32c3fd2417842e73bbfeff2f3c848b6831d7e0ec65228b3937e498n,
  b: 0x63e4c6d3b23b0c849cf84241484bfe48f61d59a5b16ba06e6e12d1da27c5249an,
  n: 0x8542d69e4c044f18e8b92435bf6ff7dd297720630485628d5ae74ee7c32e79b7n,
  Gx: 0x421debd61b62eab6746434ebc3cc315e32220b3badd50bdc4c4e6c147fedd43dn,
  Gy: 0x0680512bcbb42c07d47349d2153b70c4e5d7fdfcbfa36ea1a85841b9e46e09a2n,
};
const id = 'ALICE123@YAHOO.COM';
const d = 0x128b2fa8bd433c6c068c8d803dff79792a519a55171b1b650c23661d15897263n;
const k = 0x6cb28d99385c175c94f94e934817663fc176d925dd72b727260dbaae1fb2f96fn;
const message = Buffer.from('message digest');

describe('SM2 signatures (GB/T 32918.2, SM3 digest)', () => {
  it('derives the public key of the published example', () => {
    expect(publicKeyOf(d, exampleCurve)).toEqual({
      x: 0x0ae4c7798aa0f119471bee11825be46202bb79e2a5844495e97c04ff4df2548an,
      y: 0x7c0240f88f1cd4e16352a73c17b7f16f07353e53a176d684a9fe0c6bb798e857n,
    });
  });

  it('computes Z_A of the published example', () => {
    expect(signerHash(id, publicKeyOf(d, exampleCurve), exampleCurve).toString('hex')).toBe(
      'f4a38489e32b45b6f876e3ac2168ca392362dc8f23459c1d1146fc3dbfb7bc9a',
    );
  });

  it('signs the published example with its fixed k to the published r and s, and verifies it', () => {
    const signature = sm2Sign(message, d, { id, curve: exampleCurve, fixedK: k });
    expect(signature.r.toString(16)).toBe(
      '40f1ec59f793d9f49e09dcef49130d4194f79fb1eed2caa55bacdb49c4e755d1',
    );
    expect(signature.s.toString(16)).toBe(
      '6fc6dac32c5d5cf10c77dfb20f7c2eb667a457872fb09ec56327a67ec7deebe7',
    );
    const key = publicKeyOf(d, exampleCurve);
    expect(sm2Verify(message, signature, key, { id, curve: exampleCurve })).toBe(true);
    expect(
      sm2Verify(Buffer.from('message digesT'), signature, key, { id, curve: exampleCurve }),
    ).toBe(false);
    expect(
      sm2Verify(message, signature, key, { id: 'BILL456@YAHOO.COM', curve: exampleCurve }),
    ).toBe(false);
    expect(
      sm2Verify(message, { ...signature, s: signature.s + 1n }, key, { id, curve: exampleCurve }),
    ).toBe(false);
  });

  it('property: on sm2p256v1 with the default ID a signature verifies, and not for another message or key', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 }), (bytes) => {
        const key = randomScalar();
        const signature = sm2Sign(bytes, key);
        const pub = publicKeyOf(key);
        expect(sm2Verify(bytes, signature, pub)).toBe(true);
        expect(signatureFromBytes(signatureBytes(signature))).toEqual(signature);
        expect(sm2Verify(Buffer.concat([bytes, Buffer.of(1)]), signature, pub)).toBe(false);
        expect(sm2Verify(bytes, signature, publicKeyOf(randomScalar()))).toBe(false);
      }),
      { numRuns: 20 },
    );
  });
});
