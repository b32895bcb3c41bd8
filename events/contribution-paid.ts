import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Fen, Id, LocalDate, Postings } from './schema-types.js';

export const ContributionPaid = defineEvent({
  type: 'ContributionPaid',
  version: 1,
  description:
    "The person's share is paid (缴费; receiptNo null when nothing was due): the enrollment is active and the contribution moves: personal share, assistance subsidy and government subsidy into the basic fund, critical-illness funding from the basic fund to the critical-illness fund. Stream: person-{personId}.",
  schema: Type.Object(
    {
      enrollmentId: Id,
      personId: Id,
      receiptNo: Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]),
      paidOn: LocalDate,
      amountFen: Fen,
      coverageStart: LocalDate,
      coverageEnd: LocalDate,
      benefitsFrom: LocalDate,
      postings: Postings,
    },
    { additionalProperties: false },
  ),
});
