import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Id } from './schema-types.js';

export const ReliefReferenceRegistered = defineEvent({
  type: 'ReliefReferenceRegistered',
  version: 1,
  description:
    'A relief grant reference taken by one grant: a reference pays at most one person once, ledger-wide (API.md 1.1). Stream: relief-reference-{sm3(reference)}, appended atomically with the ReliefGranted it guards.',
  schema: Type.Object(
    { reference: Type.String({ minLength: 1, maxLength: 200 }), grantId: Id, personId: Id },
    { additionalProperties: false },
  ),
});
