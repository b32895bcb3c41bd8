import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Id } from './schema-types.js';

export const PersonErased = defineEvent({
  type: 'PersonErased',
  version: 1,
  description:
    "The person's personal data was erased (个人信息删除) on a legal basis: their data key is destroyed, so the resident ID, name and birth date sealed in PersonRegisteredSealed are unreadable forever. Holds no personal data. Their money stays; no enrollment, claim or other fact can be recorded for them afterwards. Stream: person-{personId}.",
  schema: Type.Object(
    { personId: Id, legalBasis: Type.String({ minLength: 1, maxLength: 500 }) },
    { additionalProperties: false },
  ),
});
