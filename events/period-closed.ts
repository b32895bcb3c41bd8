import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Year } from './schema-types.js';

const Hex32 = Type.String({ pattern: '^[0-9a-f]{64}$' });

export const PeriodClosed = defineEvent({
  type: 'PeriodClosed',
  version: 1,
  description:
    'A coverage year sealed (年度清算): the last position of the log before the seal, an SM3 hash of every fund balance of the year at that position, and the signed checkpoint of the log at that size. Writes dated in the year are refused from then on. Stream: ledger-periods.',
  schema: Type.Object(
    {
      year: Year,
      lastPosition: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
      balancesHash: Hex32,
      checkpoint: Type.Object(
        {
          origin: Type.String({ minLength: 1, maxLength: 200 }),
          treeSize: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
          rootHash: Hex32,
          signedAt: Type.String({ minLength: 1, maxLength: 40 }),
          keyId: Type.String({ pattern: '^[0-9a-f]{8}$' }),
          signature: Type.String({ minLength: 88, maxLength: 88 }),
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
});
