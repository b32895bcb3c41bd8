import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { InstitutionLevelSchema } from './institution-registered.js';
import { Id, LocalDate } from './schema-types.js';

export const InstitutionLevelChanged = defineEvent({
  type: 'InstitutionLevelChanged',
  version: 1,
  description:
    "A designated institution's level (等级) from a date on; a change with the date of an earlier one replaces it. Stream: institution-{institutionId}.",
  schema: Type.Object(
    {
      institutionId: Id,
      level: InstitutionLevelSchema,
      effectiveFrom: LocalDate,
    },
    { additionalProperties: false },
  ),
});
