import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Id } from './schema-types.js';

export const AlertResolved = defineEvent({
  type: 'AlertResolved',
  version: 1,
  description:
    "An investigator's finding on an alert: confirmed (fraud or risk established; its claims may be reversed, 追回) or dismissed. At most one per alert. Stream: alert-{alertId}.",
  schema: Type.Object(
    {
      alertId: Id,
      outcome: Type.Union([Type.Literal('confirmed'), Type.Literal('dismissed')]),
      note: Type.String({ minLength: 1, maxLength: 2000 }),
    },
    { additionalProperties: false },
  ),
});
