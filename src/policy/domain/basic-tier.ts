import type { AnnualSums } from './annual-sums.js';
import type { ClaimType, InstitutionLevel, PolicyEntry } from './catalogue.js';
import {
  ratioAboveDeductible,
  settleCumulativeTier,
  skipCumulativeTier,
} from './cumulative-tier.js';
import { applyBpRounded, assertFen } from './money.js';
import type { TierExplanation } from './tier-explanation.js';

// Tier 1, basic insurance (基本医保, the basic fund), POLICY.md "Claim settlement" 1.

export interface BasicTierClaim {
  readonly claimType: ClaimType;
  readonly institutionLevel: InstitutionLevel;
  readonly policyCostFen: number; // 政策范围内费用
}

export function settleBasicTier(
  policy: PolicyEntry,
  sums: AnnualSums,
  claim: BasicTierClaim,
): TierExplanation {
  switch (claim.claimType) {
    case 'inpatient':
      return settleInpatientBasic(policy, sums, claim);
    case 'outpatient-general':
      return settleOutpatientGeneral(policy, sums, claim);
    case 'outpatient-chronic':
      return settleOutpatientChronic(policy, sums, claim);
    default: {
      const _exhaustive: never = claim.claimType;
      throw new RangeError(`unknown claim type ${String(_exhaustive)}`);
    }
  }
}

/**
 * 住院: basic = min(round(max(0, policyCost - deductible[level]) * ratioBp[level] / 10000), capLeft).
 * 起付线 (the deductible) applies per admission; 封顶线 (annualCapFen) per person per year.
 */
function settleInpatientBasic(
  policy: PolicyEntry,
  sums: AnnualSums,
  claim: BasicTierClaim,
): TierExplanation {
  const { deductibleFen, ratioBp } = policy.inpatient.levels[claim.institutionLevel];
  const capFen = policy.inpatient.annualCapFen;
  const entitlementFen = applyBpRounded(Math.max(0, claim.policyCostFen - deductibleFen), ratioBp);
  const capLeftFen = Math.max(0, capFen - sums.inpatientBasicPaidFen);
  const payFen = Math.min(entitlementFen, capLeftFen);
  assertFen(payFen, 'inpatient basic pay');
  return {
    tier: 'basic',
    applied: true,
    reason: `inpatient at ${claim.institutionLevel}: per-admission deductible, ratio by level, annual cap`,
    sums: 'inpatientBasic',
    inputFen: claim.policyCostFen,
    payFen,
    baseBeforeFen: null,
    baseAfterFen: null,
    paidBeforeFen: sums.inpatientBasicPaidFen,
    paidAfterFen: sums.inpatientBasicPaidFen + payFen,
    entitlementFen,
    capFen,
    deductibleFen,
    ratioBp,
    bands: null,
    tiltApplied: false,
  };
}

/** 普通门诊统筹: only at eligibleLevels; cumulative F(x) = min(annualLimitFen, x * ratioBp / 10000). */
function settleOutpatientGeneral(
  policy: PolicyEntry,
  sums: AnnualSums,
  claim: BasicTierClaim,
): TierExplanation {
  const rules = policy.outpatientGeneral;
  if (!rules.eligibleLevels.includes(claim.institutionLevel)) {
    const reason = `institution level ${claim.institutionLevel} is not in outpatientGeneral.eligibleLevels`;
    return skipCumulativeTier(
      'basic',
      'outpatientGeneral',
      sums.outpatientGeneral,
      claim.policyCostFen,
      reason,
    );
  }
  return settleCumulativeTier({
    tier: 'basic',
    sums: 'outpatientGeneral',
    reason: `outpatient-general at eligible level ${claim.institutionLevel}, cumulative over the year's eligible policy cost`,
    inputFen: claim.policyCostFen,
    before: sums.outpatientGeneral,
    annualFunction: (x) => ratioAboveDeductible(x, 0, rules.ratioBp, rules.annualLimitFen),
    capFen: rules.annualLimitFen,
    deductibleFen: 0,
    ratioBp: rules.ratioBp,
    bands: null,
    tiltApplied: false,
  });
}

/** 门诊慢特病: cumulative F(x) = min(annualLimitFen, x * ratioBp / 10000). */
function settleOutpatientChronic(
  policy: PolicyEntry,
  sums: AnnualSums,
  claim: BasicTierClaim,
): TierExplanation {
  const rules = policy.outpatientChronic;
  return settleCumulativeTier({
    tier: 'basic',
    sums: 'outpatientChronic',
    reason: "outpatient-chronic, cumulative over the year's policy cost",
    inputFen: claim.policyCostFen,
    before: sums.outpatientChronic,
    annualFunction: (x) => ratioAboveDeductible(x, 0, rules.ratioBp, rules.annualLimitFen),
    capFen: rules.annualLimitFen,
    deductibleFen: 0,
    ratioBp: rules.ratioBp,
    bands: null,
    tiltApplied: false,
  });
}
