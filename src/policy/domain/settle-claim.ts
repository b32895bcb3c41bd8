import { assertAnnualSums, type AnnualSums } from './annual-sums.js';
import { settleAssistanceChain } from './assistance-tiers.js';
import { settleBasicTier } from './basic-tier.js';
import {
  assistanceCategories,
  claimTypes,
  institutionLevels,
  type AssistanceCategory,
  type ClaimType,
  type InstitutionLevel,
  type PolicyEntry,
} from './catalogue.js';
import { settleCriticalIllnessTier } from './critical-illness-tier.js';
import { assertFen } from './money.js';
import { assertTierPay, shiftSums, type ClaimTiers } from './tier-explanation.js';

// One-stop settlement (一站式结算), POLICY.md "Claim settlement": four tiers in order, each working
// on what the previous one left, then the person's share. Pure: the person's annual sums for the
// claim's coverage year come in, the sums after the claim go out.

export interface ClaimToSettle {
  readonly claimType: ClaimType;
  readonly institutionLevel: InstitutionLevel;
  readonly totalCostFen: number;
  readonly policyCostFen: number; // 政策范围内费用, <= totalCostFen
  /** the category in force on the service date (inpatient: the admission date) */
  readonly category: AssistanceCategory | 'none';
}

export interface SettlementBreakdown {
  readonly basicFen: number; // 基本医保, the basic fund
  readonly criticalIllnessFen: number; // 大病保险, the critical-illness fund
  readonly assistanceFen: number; // 医疗救助, the assistance fund
  readonly reAssistanceFen: number; // 再救助, the assistance fund
  readonly personalFen: number; // 个人自付
}

export interface Settlement {
  readonly breakdown: SettlementBreakdown;
  readonly tiers: ClaimTiers;
  readonly sumsAfter: AnnualSums;
}

export function settleClaim(
  policy: PolicyEntry,
  sums: AnnualSums,
  claim: ClaimToSettle,
): Settlement {
  assertClaim(claim);
  assertAnnualSums(sums);
  const basic = settleBasicTier(policy, sums, claim);
  assertTierPay(basic);
  const afterBasic = shiftSums(sums, basic, 1);
  const b1Fen = claim.policyCostFen - basic.payFen; // the person's policy-range burden after basic insurance
  const criticalIllness = settleCriticalIllnessTier(policy, afterBasic, claim, b1Fen);
  assertTierPay(criticalIllness);
  const afterCriticalIllness = shiftSums(afterBasic, criticalIllness, 1);
  const b2Fen = b1Fen - criticalIllness.payFen;
  const chain = settleAssistanceChain(policy, afterCriticalIllness, claim, b2Fen);
  const breakdown: SettlementBreakdown = {
    basicFen: basic.payFen,
    criticalIllnessFen: criticalIllness.payFen,
    assistanceFen: chain.assistance.payFen,
    reAssistanceFen: chain.reAssistance.payFen,
    personalFen: claim.totalCostFen - claim.policyCostFen + chain.remainingFen,
  };
  assertBreakdown(breakdown, claim.totalCostFen);
  const tiers: ClaimTiers = {
    policyId: policy.policyId,
    claimType: claim.claimType,
    institutionLevel: claim.institutionLevel,
    category: claim.category,
    basic,
    criticalIllness,
    assistance: chain.assistance,
    reAssistance: chain.reAssistance,
  };
  return { breakdown, tiers, sumsAfter: chain.sumsAfter };
}

function assertClaim(claim: ClaimToSettle): void {
  if (!claimTypes.includes(claim.claimType))
    throw new RangeError(`unknown claim type ${String(claim.claimType)}`);
  if (!institutionLevels.includes(claim.institutionLevel))
    throw new RangeError(`unknown institution level ${String(claim.institutionLevel)}`);
  if (claim.category !== 'none' && !assistanceCategories.includes(claim.category))
    throw new RangeError(`unknown assistance category ${String(claim.category)}`);
  assertFen(claim.totalCostFen, 'totalCostFen');
  assertFen(claim.policyCostFen, 'policyCostFen');
  if (claim.policyCostFen > claim.totalCostFen) {
    throw new RangeError(
      `policyCostFen ${claim.policyCostFen} exceeds totalCostFen ${claim.totalCostFen}`,
    );
  }
}

/** basic + criticalIllness + assistance + reAssistance + personal = totalCost, every tier >= 0. */
export function assertBreakdown(breakdown: SettlementBreakdown, totalCostFen: number): void {
  for (const [name, value] of Object.entries(breakdown)) assertFen(value, `breakdown.${name}`);
  const sum =
    breakdown.basicFen +
    breakdown.criticalIllnessFen +
    breakdown.assistanceFen +
    breakdown.reAssistanceFen +
    breakdown.personalFen;
  if (sum !== totalCostFen)
    throw new Error(`settlement tiers sum to ${sum} fen, not the total cost ${totalCostFen} fen`);
}
