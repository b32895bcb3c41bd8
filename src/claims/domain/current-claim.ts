import {
  currentClaimSettlement,
  type ClaimRecord,
} from '../../person-stream/domain/person-state.js';
import type { SettlementBreakdown } from '../../policy/domain/settle-claim.js';
import type { ClaimTiers } from '../../policy/domain/tier-explanation.js';

// A claim as it stands: as first settled, as its latest correction settled it again, or as its
// year was last re-adjudicated (whichever was recorded last). A reversal returns these amounts, a
// further correction starts from them.

export interface CurrentClaim {
  readonly totalCostFen: number;
  readonly policyCostFen: number;
  readonly breakdown: SettlementBreakdown;
  readonly tiers: ClaimTiers;
  readonly corrected: boolean;
  /** what the funds owe the institution for the claim: as settled, or as last corrected */
  readonly institutionBreakdown: SettlementBreakdown;
}

export function currentClaim(claim: ClaimRecord): CurrentClaim {
  const { totalCostFen, policyCostFen, breakdown, tiers, corrected, institutionBreakdown } =
    currentClaimSettlement(claim);
  return { totalCostFen, policyCostFen, breakdown, tiers, corrected, institutionBreakdown };
}
