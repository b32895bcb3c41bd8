import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Fen, Id, LocalDate, Postings } from './schema-types.js';

export const InstitutionSettlementPaid = defineEvent({
  type: 'InstitutionSettlementPaid',
  version: 1,
  description:
    "The payment (拨付, 医银直联) of a monthly settlement to the institution's bank: exactly its net, once, from payable:institution:{id} to external:institution-bank:{id}. Stream: institution-settlements-{institutionId}.",
  schema: Type.Object(
    {
      settlementId: Id,
      institutionId: Id,
      month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }),
      paidOn: LocalDate,
      bankReference: Type.String({ minLength: 1, maxLength: 200 }),
      netFen: Fen,
      postings: Postings,
    },
    { additionalProperties: false },
  ),
});
