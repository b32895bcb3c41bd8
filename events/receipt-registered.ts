import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Id } from './schema-types.js';

export const ReceiptRegistered = defineEvent({
  type: 'ReceiptRegistered',
  version: 1,
  description:
    "A payment receipt number taken by one enrollment's contribution: a receipt pays at most one enrollment, ledger-wide (API.md 1.1). Stream: receipt-{sm3(receiptNo)}, appended atomically with the ContributionPaid it guards.",
  schema: Type.Object(
    { receiptNo: Type.String({ minLength: 1, maxLength: 64 }), enrollmentId: Id, personId: Id },
    { additionalProperties: false },
  ),
});
