import type {
  AssistanceCategory,
  ClaimToSettle,
  ReliefToSettle,
  SettlementBreakdown,
} from '../../policy/domain/index.js';

// What a simulation settles again: one person's settled, unreversed claims and relief grants of
// one coverage year, in recorded order, each with what was actually recorded for it.

export interface SimulatedClaim {
  readonly kind: 'claim';
  readonly id: string; // claimId
  readonly claim: ClaimToSettle;
  readonly recorded: SettlementBreakdown;
}

export interface SimulatedRelief {
  readonly kind: 'relief';
  readonly id: string; // grantId
  readonly relief: ReliefToSettle;
  readonly recorded: { readonly assistanceFen: number; readonly reAssistanceFen: number };
}

export type SimulatedItem = SimulatedClaim | SimulatedRelief;

export interface PersonYear {
  readonly personId: string;
  /** in recorded order (log position) */
  readonly items: readonly SimulatedItem[];
}

/** A relief grant as a breakdown: only tiers 3 and 4 pay; the rest of the burden stays the person's. */
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

export type ItemCategory = AssistanceCategory | 'none';

export function categoryOf(item: SimulatedItem): ItemCategory {
  return item.kind === 'claim' ? item.claim.category : item.relief.category;
}
