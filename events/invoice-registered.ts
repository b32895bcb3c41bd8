import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Id } from './schema-types.js';

export const InvoiceRegistered = defineEvent({
  type: 'InvoiceRegistered',
  version: 1,
  description:
    "An institution's invoice number taken by a claim: at most one claim per institution and invoice number (假票据 guard). Stream: invoice-{claimId}, appended atomically with the claim's settlement.",
  schema: Type.Object(
    {
      claimId: Id,
      institutionId: Id,
      invoiceNo: Type.String({ minLength: 1, maxLength: 64 }),
      personId: Id,
      contentHash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    },
    { additionalProperties: false },
  ),
});
