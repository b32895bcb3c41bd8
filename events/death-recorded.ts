import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Id, LocalDate } from './schema-types.js';

export const DeathRecorded = defineEvent({
  type: 'DeathRecorded',
  version: 1,
  description:
    'The person died on dateOfDeath: no claim after it, no enrollment or subsidy after it. Stream: person-{personId}.',
  schema: Type.Object({ personId: Id, dateOfDeath: LocalDate }, { additionalProperties: false }),
});
