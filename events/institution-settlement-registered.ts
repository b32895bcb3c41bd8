import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Id } from './schema-types.js';

export const InstitutionSettlementRegistered = defineEvent({
  type: 'InstitutionSettlementRegistered',
  version: 1,
  description:
    "An institution's month taken by a monthly settlement: at most one per institution and month, and the way from a settlement id to its institution's stream. Stream: institution-settlement-{settlementId}, appended atomically with the settlement.",
  schema: Type.Object(
    {
      settlementId: Id,
      institutionId: Id,
      month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }),
    },
    { additionalProperties: false },
  ),
});
