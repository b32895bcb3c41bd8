import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Id, LocalDate, Postings, RegionCode } from './schema-types.js';

export const AppropriationReceived = defineEvent({
  type: 'AppropriationReceived',
  version: 1,
  description:
    "Money put into a region's assistance fund (医疗救助基金专账): fiscal budget, lottery fund or donation. Stream: assistance-fund-{city}, the pooling city of regionCode (before pooling: assistance-fund-{regionCode}).",
  schema: Type.Object(
    {
      appropriationId: Id,
      regionCode: RegionCode,
      amountFen: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
      source: Type.Union([
        Type.Literal('fiscal'),
        Type.Literal('lottery'),
        Type.Literal('donation'),
      ]),
      receivedOn: LocalDate,
      reference: Type.String({ minLength: 1, maxLength: 200 }),
      postings: Postings,
    },
    { additionalProperties: false },
  ),
});
