import { Type } from '@sinclair/typebox';
import { AssistanceStatus, Fen, Id } from './schema-types.js';

// The state the annual caps are folded from, and the explanation of every tier of a settlement,
// as stored in ClaimSettled, ClaimReversed and ReliefGranted (the shapes of
// src/policy/domain/annual-sums.ts and tier-explanation.ts). Checked on append, so a fold never
// meets sums it cannot trust. Objects stay open (no additionalProperties: false) so that the
// events stored before these schemas existed match them unchanged.

export const TierSumsSchema = Type.Object({ baseFen: Fen, paidFen: Fen });

/** The per-person, per-year sums the caps need. */
export const AnnualSumsSchema = Type.Object({
  inpatientBasicPaidFen: Fen,
  outpatientGeneral: TierSumsSchema,
  outpatientChronic: TierSumsSchema,
  criticalIllness: TierSumsSchema,
  assistance: TierSumsSchema,
  reAssistance: TierSumsSchema,
});

const TierName = Type.Union([
  Type.Literal('basic'),
  Type.Literal('critical-illness'),
  Type.Literal('assistance'),
  Type.Literal('re-assistance'),
]);
const SumsTarget = Type.Union([
  Type.Literal('inpatientBasic'),
  Type.Literal('outpatientGeneral'),
  Type.Literal('outpatientChronic'),
  Type.Literal('criticalIllness'),
  Type.Literal('assistance'),
  Type.Literal('reAssistance'),
]);
const Bp = Type.Integer({ minimum: 0, maximum: 10000, description: 'basis points' });
const bandsMax = 16;

export const TierExplanationSchema = Type.Object({
  tier: TierName,
  applied: Type.Boolean(),
  reason: Type.String({ maxLength: 500 }),
  sums: SumsTarget,
  inputFen: Fen,
  payFen: Fen,
  baseBeforeFen: Type.Union([Fen, Type.Null()]),
  baseAfterFen: Type.Union([Fen, Type.Null()]),
  paidBeforeFen: Fen,
  paidAfterFen: Fen,
  entitlementFen: Fen,
  capFen: Type.Union([Fen, Type.Null()]),
  deductibleFen: Fen,
  ratioBp: Type.Union([Bp, Type.Null()]),
  bands: Type.Union([
    Type.Array(Type.Object({ excessUpToFen: Type.Union([Fen, Type.Null()]), ratioBp: Bp }), {
      maxItems: bandsMax,
    }),
    Type.Null(),
  ]),
  tiltApplied: Type.Boolean(),
});

export const ClaimTiersSchema = Type.Object({
  policyId: Id,
  claimType: Type.Union([
    Type.Literal('inpatient'),
    Type.Literal('outpatient-general'),
    Type.Literal('outpatient-chronic'),
  ]),
  institutionLevel: Type.Union([
    Type.Literal('grassroots'),
    Type.Literal('secondary'),
    Type.Literal('tertiary'),
  ]),
  category: AssistanceStatus,
  basic: TierExplanationSchema,
  criticalIllness: TierExplanationSchema,
  assistance: TierExplanationSchema,
  reAssistance: TierExplanationSchema,
});

/** Relief on application: tiers 3 and 4 only. */
export const ReliefTiersSchema = Type.Object({
  policyId: Id,
  category: AssistanceStatus,
  assistance: TierExplanationSchema,
  reAssistance: TierExplanationSchema,
});
