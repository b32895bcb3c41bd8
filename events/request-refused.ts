import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Id } from './schema-types.js';

export const RequestRefused = defineEvent({
  type: 'RequestRefused',
  version: 1,
  description:
    'A refused request that is itself a fraud signal (POLICY.md: refused, and alerted): a claim dated after death, a second enrollment for a year, an invoice number reused with other content. Nothing else changes: no money moves, no state of the person. Stream: refusals-{personId}.',
  schema: Type.Object(
    {
      rule: Type.Union([
        Type.Literal('claim-after-death'),
        Type.Literal('duplicate-enrollment'),
        Type.Literal('duplicate-invoice'),
      ]),
      personId: Id,
      institutionId: Type.Union([Id, Type.Null()]),
      refusedWith: Type.String({ minLength: 1, maxLength: 64 }),
      detail: Type.String({ maxLength: 500 }),
      /** the claim or enrollment the refused request collided with (evidence) */
      collidedWith: Type.Union([Id, Type.Null()]),
      request: Type.Record(Type.String(), Type.Unknown()),
    },
    { additionalProperties: false },
  ),
});
