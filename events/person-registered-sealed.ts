import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Id, RegionCode } from './schema-types.js';

/** Hex of a byte string of 1..n bytes. */
const Hex = (maxBytes: number) => Type.String({ pattern: `^([0-9a-f]{2}){1,${maxBytes}}$` });

export const PersonRegisteredSealed = defineEvent({
  type: 'PersonRegisteredSealed',
  version: 1,
  description:
    "A resident is recorded, once per resident ID, their personal data (resident ID, name, birth date) sealed under the person's own data key (SM4-CTR, HMAC-SM3 tag over personId, iv and ciphertext). The chain covers the ciphertext; erasure destroys the key, so the data becomes unreadable while every hash still verifies. Replaces PersonRegistered (kept, clear, for persons registered before it). Stream: person-{personId}.",
  schema: Type.Object(
    {
      personId: Id,
      regionCode: RegionCode,
      sealed: Type.Object(
        {
          algorithm: Type.Literal('SM4-CTR+HMAC-SM3'),
          iv: Hex(16),
          ciphertext: Hex(1024),
          tag: Hex(32),
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
});
