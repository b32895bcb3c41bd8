import { assertAnnualSums, type AnnualSums } from './annual-sums.js';
import { settleAssistanceChain } from './assistance-tiers.js';
import { assistanceCategories, type AssistanceCategory, type PolicyEntry } from './catalogue.js';
import { assertFen } from './money.js';
import type { ReliefTiers } from './tier-explanation.js';

// Relief on application (依申请救助): tiers 3 (医疗救助) and 4 (再救助) only, applied to a burden
// the person bore (e.g. after settlements outside the one-stop channel), treated as the B2 of an
// inpatient claim. It shares the person's annual sums and caps with settled claims.

export interface ReliefToSettle {
  readonly burdenFen: number;
  readonly category: AssistanceCategory | 'none';
}

export interface ReliefSettlement {
  readonly assistanceFen: number;
  readonly reAssistanceFen: number;
  readonly tiers: ReliefTiers;
  readonly sumsAfter: AnnualSums;
}

export function settleRelief(
  policy: PolicyEntry,
  sums: AnnualSums,
  relief: ReliefToSettle,
): ReliefSettlement {
  assertFen(relief.burdenFen, 'burdenFen');
  if (relief.category !== 'none' && !assistanceCategories.includes(relief.category)) {
    throw new RangeError(`unknown assistance category ${String(relief.category)}`);
  }
  assertAnnualSums(sums);
  const chain = settleAssistanceChain(
    policy,
    sums,
    { claimType: 'inpatient', category: relief.category },
    relief.burdenFen,
  );
  const assistanceFen = chain.assistance.payFen;
  const reAssistanceFen = chain.reAssistance.payFen;
  if (assistanceFen + reAssistanceFen + chain.remainingFen !== relief.burdenFen) {
    throw new Error(`relief tiers do not add up to the burden ${relief.burdenFen} fen`);
  }
  return {
    assistanceFen,
    reAssistanceFen,
    tiers: {
      policyId: policy.policyId,
      category: relief.category,
      assistance: chain.assistance,
      reAssistance: chain.reAssistance,
    },
    sumsAfter: chain.sumsAfter,
  };
}
