import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { AnnualSumsSchema, ClaimTiersSchema } from './settlement-schemas.js';
import {
  AssistanceStatus,
  Fen,
  Id,
  LocalDate,
  Postings,
  RegionCode,
  Year,
} from './schema-types.js';

export const Breakdown = Type.Object(
  {
    basicFen: Fen,
    criticalIllnessFen: Fen,
    assistanceFen: Fen,
    reAssistanceFen: Fen,
    personalFen: Fen,
  },
  { additionalProperties: false },
);

export { AnnualSumsSchema } from './settlement-schemas.js';

export const ClaimSignal = Type.Object(
  {
    rule: Type.Union([
      Type.Literal('overlapping-stays'),
      Type.Literal('split-admission'),
      Type.Literal('frequent-admissions'),
      Type.Literal('poverty-risk'),
    ]),
    evidenceClaimIds: Type.Array(Id, { maxItems: 100 }),
  },
  { additionalProperties: false },
);

export const ClaimSettled = defineEvent({
  type: 'ClaimSettled',
  version: 1,
  description:
    "A claim settled one-stop (一站式结算) through the four tiers: basic insurance, critical-illness insurance, medical assistance, re-assistance; the person pays the rest. Records the policy, the category in force, every tier's inputs and the annual sums before and after, so it can be recomputed and explained. Postings pay each tier's fund out to the institution. Stream: person-{personId}.",
  schema: Type.Object(
    {
      claimId: Id,
      personId: Id,
      enrollmentId: Id,
      regionCode: RegionCode,
      coverageYear: Year,
      policyId: Id,
      assistanceCategory: AssistanceStatus,
      institutionId: Id,
      institutionLevel: Type.Union([
        Type.Literal('grassroots'),
        Type.Literal('secondary'),
        Type.Literal('tertiary'),
      ]),
      claimType: Type.Union([
        Type.Literal('inpatient'),
        Type.Literal('outpatient-general'),
        Type.Literal('outpatient-chronic'),
      ]),
      invoiceNo: Type.String({ minLength: 1, maxLength: 64 }),
      admissionDate: Type.Union([LocalDate, Type.Null()]),
      dischargeDate: Type.Union([LocalDate, Type.Null()]),
      serviceDate: LocalDate,
      businessDate: LocalDate,
      totalCostFen: Fen,
      policyCostFen: Fen,
      diagnosisCode: Type.Union([Type.String({ maxLength: 32 }), Type.Null()]),
      contentHash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
      breakdown: Breakdown,
      /** fraud and risk signals this claim raised against the person's history, with the earlier claims that are their evidence */
      signals: Type.Array(ClaimSignal, { maxItems: 10 }),
      tiers: ClaimTiersSchema,
      annualSumsBefore: AnnualSumsSchema,
      annualSumsAfter: AnnualSumsSchema,
      postings: Postings,
    },
    { additionalProperties: false },
  ),
});
