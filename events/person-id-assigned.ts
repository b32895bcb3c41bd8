import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Id } from './schema-types.js';

export const PersonIdAssigned = defineEvent({
  type: 'PersonIdAssigned',
  version: 1,
  description:
    'The random person id given to a resident ID: one person per resident ID, under races too. Stream: resident-{HMAC-SM3 of the resident ID under the id key}, appended atomically with PersonRegistered; without the key nobody can tell which ID a stream names.',
  schema: Type.Object({ personId: Id }, { additionalProperties: false }),
});
