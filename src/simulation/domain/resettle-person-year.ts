import {
  emptyAnnualSums,
  settleClaim,
  settleRelief,
  type AnnualSums,
  type PolicyEntry,
  type SettledTiers,
  type SettlementBreakdown,
} from '../../policy/domain/index.js';
import { reliefBreakdown, type SimulatedItem } from './simulation-items.js';

// One person's year settled again from zero annual sums, in recorded order, under one entry:
// each claim through settleClaim, each relief grant through settleRelief, the sums carried from
// one to the next. (POLICY.md "Policy simulation".)

export interface ResettledItem {
  readonly item: SimulatedItem;
  readonly breakdown: SettlementBreakdown;
  readonly tiers: SettledTiers;
}

export interface ResettledYear {
  readonly items: readonly ResettledItem[];
  readonly sumsAfter: AnnualSums;
}

export function resettlePersonYear(
  policy: PolicyEntry,
  items: readonly SimulatedItem[],
): ResettledYear {
  let sums = emptyAnnualSums();
  const resettled: ResettledItem[] = [];
  for (const item of items) {
    if (item.kind === 'claim') {
      const settlement = settleClaim(policy, sums, item.claim);
      resettled.push({ item, breakdown: settlement.breakdown, tiers: settlement.tiers });
      sums = settlement.sumsAfter;
    } else {
      const settlement = settleRelief(policy, sums, item.relief);
      resettled.push({
        item,
        breakdown: reliefBreakdown(
          item.relief.burdenFen,
          settlement.assistanceFen,
          settlement.reAssistanceFen,
        ),
        tiers: settlement.tiers,
      });
      sums = settlement.sumsAfter;
    }
  }
  return { items: resettled, sumsAfter: sums };
}
