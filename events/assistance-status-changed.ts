import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { AssistanceStatus, Id, LocalDate } from './schema-types.js';

export const AssistanceStatusChanged = defineEvent({
  type: 'AssistanceStatusChanged',
  version: 1,
  description:
    "The person's assistance category (困难群众类别) from a date on; `none` ends it. Stream: person-{personId}.",
  schema: Type.Object(
    {
      personId: Id,
      category: AssistanceStatus,
      effectiveFrom: LocalDate,
      /** the application (依申请救助) the change decides, e.g. for illness-impoverished (API 1.1) */
      applicationRef: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    },
    { additionalProperties: false },
  ),
});
