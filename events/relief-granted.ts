import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { AnnualSumsSchema, ReliefTiersSchema } from './settlement-schemas.js';
import {
  AssistanceStatus,
  Fen,
  Id,
  LocalDate,
  Postings,
  RegionCode,
  Year,
} from './schema-types.js';

export const ReliefGranted = defineEvent({
  type: 'ReliefGranted',
  version: 1,
  description:
    'Relief on application (依申请救助) for an inpatient burden settled outside one-stop settlement: tiers 3 and 4 applied to burdenFen, sharing the annual sums and caps of one-stop claims. Postings pay the assistance fund out to the person. Stream: person-{personId}.',
  schema: Type.Object(
    {
      grantId: Id,
      personId: Id,
      regionCode: RegionCode,
      coverageYear: Year,
      policyId: Id,
      assistanceCategory: AssistanceStatus,
      onDate: LocalDate,
      burdenFen: Fen,
      reference: Type.String({ minLength: 1, maxLength: 200 }),
      assistanceFen: Fen,
      reAssistanceFen: Fen,
      tiers: ReliefTiersSchema,
      annualSumsBefore: AnnualSumsSchema,
      annualSumsAfter: AnnualSumsSchema,
      postings: Postings,
    },
    { additionalProperties: false },
  ),
});
