import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Id } from './schema-types.js';

export const PersonIdAssigned = defineEvent({
  type: 'PersonIdAssigned',
  version: 1,
  description:
    'The person an opaque name links to. Stream resident-{HMAC-SM3 of the resident ID under the id key}: the random person id given to a resident ID, appended atomically with PersonRegistered (one person per resident ID, under races too; without the key nobody can tell which ID a stream names). Stream enrollment-{enrollmentId}: the person of a random enrollment id, appended with EnrollmentRegistered.',
  schema: Type.Object({ personId: Id }, { additionalProperties: false }),
});
