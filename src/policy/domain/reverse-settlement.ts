import { assertAnnualSums, type AnnualSums } from './annual-sums.js';
import { shiftSums, tierList, type SettledTiers } from './tier-explanation.js';

// A reversal (追回, e.g. after confirmed fraud) takes a settled claim's (or relief grant's) inputs
// out of each tier's base and its payouts out of what the tier has paid, from the stored tier
// explanation. Later claims are not re-settled (POLICY.md). No sum may go below zero: that would
// mean the tiers do not belong to these sums, and the reversal stops.

export function removeFromSums(sums: AnnualSums, tiers: SettledTiers): AnnualSums {
  assertAnnualSums(sums);
  return tierList(tiers).reduceRight((current, tier) => shiftSums(current, tier, -1), sums);
}
