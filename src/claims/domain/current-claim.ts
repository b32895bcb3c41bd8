import type { ClaimRecord } from '../../person-stream/domain/person-state.js';
import type { SettlementBreakdown } from '../../policy/domain/settle-claim.js';
import type { ClaimTiers } from '../../policy/domain/tier-explanation.js';

// A claim as it stands: as first settled, or as its latest correction settled it again. A
// reversal returns these amounts, a further correction starts from them.

export interface CurrentClaim {
  readonly totalCostFen: number;
  readonly policyCostFen: number;
  readonly breakdown: SettlementBreakdown;
  readonly tiers: ClaimTiers;
  readonly corrected: boolean;
}

export function currentClaim(claim: ClaimRecord): CurrentClaim {
  const latest = claim.corrections?.at(-1)?.corrected;
  if (!latest) {
    const s = claim.settled;
    return {
      totalCostFen: s.totalCostFen,
      policyCostFen: s.policyCostFen,
      breakdown: s.breakdown,
      tiers: s.tiers,
      corrected: false,
    };
  }
  return {
    totalCostFen: latest.after.totalCostFen,
    policyCostFen: latest.after.policyCostFen,
    breakdown: latest.after.breakdown,
    tiers: latest.tiers,
    corrected: true,
  };
}
