import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Fen, Id, LocalDate, Postings } from './schema-types.js';

export const EnrollmentRefunded = defineEvent({
  type: 'EnrollmentRefunded',
  version: 1,
  description:
    'Refund (退费) for a person who paid and died before coverage started: the personal share paid goes back, and the assistance subsidy, government subsidy and critical-illness funding are reversed. Stream: person-{personId}.',
  schema: Type.Object(
    {
      enrollmentId: Id,
      personId: Id,
      refundedOn: LocalDate,
      reason: Type.String({ minLength: 1, maxLength: 500 }),
      refundedPersonalFen: Fen,
      postings: Postings,
    },
    { additionalProperties: false },
  ),
});
