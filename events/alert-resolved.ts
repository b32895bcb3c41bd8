import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Id } from './schema-types.js';

export const AlertResolved = defineEvent({
  type: 'AlertResolved',
  version: 1,
  description:
    "An investigator's finding on an alert: confirmed (fraud or risk established; its claims may be reversed, 追回) or dismissed; a poverty-risk alert: assistance-granted (naming the status change, statusPosition) or not-eligible. At most one per alert. Stream: alert-{alertId}.",
  schema: Type.Object(
    {
      alertId: Id,
      outcome: Type.Union([
        Type.Literal('confirmed'),
        Type.Literal('dismissed'),
        // poverty-risk (API 1.1): assistance on application granted, or not eligible
        Type.Literal('assistance-granted'),
        Type.Literal('not-eligible'),
      ]),
      note: Type.String({ minLength: 1, maxLength: 2000 }),
      /** assistance-granted: the position of the person's status change it led to */
      statusPosition: Type.Optional(Type.Integer({ minimum: 1 })),
    },
    { additionalProperties: false },
  ),
});
