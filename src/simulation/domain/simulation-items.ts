import type { SettlementBreakdown, YearItem } from '../../policy/domain/index.js';

// What a simulation settles again: one person's settled, unreversed claims and relief grants of
// one coverage year, in recorded order (the items of resettleYear), each beside what was
// actually recorded for it.

export interface PersonYear {
  readonly personId: string;
  /** in recorded order (log position) */
  readonly items: readonly YearItem[];
  /** what was recorded for each item, in the same order (a relief grant: basic and critical illness 0, personal the burden left) */
  readonly recorded: readonly SettlementBreakdown[];
}

/** A relief grant's amounts as a breakdown: only tiers 3 and 4 pay; the rest of the burden stays the person's. */
export function reliefBreakdown(
  burdenFen: number,
  assistanceFen: number,
  reAssistanceFen: number,
): SettlementBreakdown {
  return {
    basicFen: 0,
    criticalIllnessFen: 0,
    assistanceFen,
    reAssistanceFen,
    personalFen: burdenFen - assistanceFen - reAssistanceFen,
  };
}
