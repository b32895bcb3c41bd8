import type { AnnualSums } from './annual-sums.js';
import type { AssistanceCategory, ClaimType, PolicyEntry } from './catalogue.js';
import {
  ratioAboveDeductible,
  settleCumulativeTier,
  skipCumulativeTier,
} from './cumulative-tier.js';
import { assertTierPay, shiftSums, type TierExplanation } from './tier-explanation.js';

// Tiers 3 and 4, paid by the assistance fund; shared by claim settlement and relief on application.

/**
 * 医疗救助 (medical assistance), POLICY.md 3: for a person in an assistance category, for
 * medicalAssistance.appliesTo, the tier of their category, cumulative over the year's B2:
 * F(x) = min(annualCapFen, max(0, x - deductibleFen) * ratioBp / 10000).
 */
export function settleAssistanceTier(
  policy: PolicyEntry,
  sums: AnnualSums,
  claim: { readonly claimType: ClaimType; readonly category: AssistanceCategory | 'none' },
  b2Fen: number,
): TierExplanation {
  const skip = (reason: string) =>
    skipCumulativeTier('assistance', 'assistance', sums.assistance, b2Fen, reason);
  const { category } = claim;
  if (category === 'none') return skip('the person is in no assistance category');
  if (!policy.medicalAssistance.appliesTo.includes(claim.claimType))
    return skip(`claim type ${claim.claimType} is not in medicalAssistance.appliesTo`);
  const index = policy.medicalAssistance.tiers.findIndex((tier) =>
    tier.categories.includes(category),
  );
  if (index < 0) return skip(`category ${category} has no medicalAssistance tier`);
  const tier = policy.medicalAssistance.tiers[index];
  return settleCumulativeTier({
    tier: 'assistance',
    sums: 'assistance',
    reason: `medicalAssistance.tiers[${index}] for ${category}, cumulative over the year's B2`,
    inputFen: b2Fen,
    before: sums.assistance,
    annualFunction: (x) =>
      ratioAboveDeductible(x, tier.deductibleFen, tier.ratioBp, tier.annualCapFen),
    capFen: tier.annualCapFen,
    deductibleFen: tier.deductibleFen,
    ratioBp: tier.ratioBp,
    bands: null,
    tiltApplied: false,
  });
}

/**
 * 再救助 (re-assistance), POLICY.md 4: for reAssistance.appliesTo (inpatient) and
 * reAssistance.categories, cumulative over the year's B3:
 * F(x) = min(annualCapFen, max(0, x - thresholdFen) * ratioBp / 10000).
 */
export function settleReAssistanceTier(
  policy: PolicyEntry,
  sums: AnnualSums,
  claim: { readonly claimType: ClaimType; readonly category: AssistanceCategory | 'none' },
  b3Fen: number,
): TierExplanation {
  const skip = (reason: string) =>
    skipCumulativeTier('re-assistance', 'reAssistance', sums.reAssistance, b3Fen, reason);
  const { category } = claim;
  const rules = policy.reAssistance;
  if (category === 'none') return skip('the person is in no assistance category');
  if (!rules.appliesTo.includes(claim.claimType))
    return skip(`claim type ${claim.claimType} is not in reAssistance.appliesTo`);
  if (!rules.categories.includes(category))
    return skip(`category ${category} is not in reAssistance.categories`);
  return settleCumulativeTier({
    tier: 're-assistance',
    sums: 'reAssistance',
    reason: `re-assistance for ${category}, cumulative over the year's B3`,
    inputFen: b3Fen,
    before: sums.reAssistance,
    annualFunction: (x) =>
      ratioAboveDeductible(x, rules.thresholdFen, rules.ratioBp, rules.annualCapFen),
    capFen: rules.annualCapFen,
    deductibleFen: rules.thresholdFen,
    ratioBp: rules.ratioBp,
    bands: null,
    tiltApplied: false,
  });
}

export interface AssistanceChain {
  readonly assistance: TierExplanation;
  readonly reAssistance: TierExplanation;
  /** B3 - reAssistance: what the person still bears of B2 */
  readonly remainingFen: number;
  readonly sumsAfter: AnnualSums;
}

/** Tiers 3 then 4 on a B2; each works on what the previous one left. */
export function settleAssistanceChain(
  policy: PolicyEntry,
  sums: AnnualSums,
  claim: { readonly claimType: ClaimType; readonly category: AssistanceCategory | 'none' },
  b2Fen: number,
): AssistanceChain {
  const assistance = settleAssistanceTier(policy, sums, claim, b2Fen);
  assertTierPay(assistance);
  const afterAssistance = shiftSums(sums, assistance, 1);
  const b3Fen = b2Fen - assistance.payFen;
  const reAssistance = settleReAssistanceTier(policy, afterAssistance, claim, b3Fen);
  assertTierPay(reAssistance);
  return {
    assistance,
    reAssistance,
    remainingFen: b3Fen - reAssistance.payFen,
    sumsAfter: shiftSums(afterAssistance, reAssistance, 1),
  };
}
