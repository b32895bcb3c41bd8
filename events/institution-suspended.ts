import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Id, LocalDate } from './schema-types.js';

export const InstitutionSuspended = defineEvent({
  type: 'InstitutionSuspended',
  version: 1,
  description:
    "A designated institution's agreement suspended (暂停医保服务协议) from a date, to a date or open-ended; a suspension with the from date of an earlier one amends it (e.g. sets its end). Stream: institution-{institutionId}.",
  schema: Type.Object(
    {
      institutionId: Id,
      from: LocalDate,
      to: Type.Union([LocalDate, Type.Null()]),
      reason: Type.String({ minLength: 1, maxLength: 200 }),
    },
    { additionalProperties: false },
  ),
});
