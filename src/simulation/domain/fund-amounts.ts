import type { SettlementBreakdown } from '../../policy/domain/index.js';

// Money by tier (basic, critical illness, assistance, re-assistance, personal), summed over many
// settlements. Integer fen; every sum stays a safe integer or the sum throws.

export type FundAmounts = SettlementBreakdown;

export const fundKeys = [
  'basicFen',
  'criticalIllnessFen',
  'assistanceFen',
  'reAssistanceFen',
  'personalFen',
] as const;

export function zeroAmounts(): { -readonly [K in keyof FundAmounts]: number } {
  return {
    basicFen: 0,
    criticalIllnessFen: 0,
    assistanceFen: 0,
    reAssistanceFen: 0,
    personalFen: 0,
  };
}

export function addInto(
  sum: { -readonly [K in keyof FundAmounts]: number },
  amounts: FundAmounts,
): void {
  for (const key of fundKeys) {
    const next = sum[key] + amounts[key];
    if (!Number.isSafeInteger(next))
      throw new RangeError(`${key} sum exceeds a safe integer of fen`);
    sum[key] = next;
  }
}

/** proposed - baseline, per tier (negative: the proposal pays less from that fund). */
export function difference(proposed: FundAmounts, baseline: FundAmounts): FundAmounts {
  return {
    basicFen: proposed.basicFen - baseline.basicFen,
    criticalIllnessFen: proposed.criticalIllnessFen - baseline.criticalIllnessFen,
    assistanceFen: proposed.assistanceFen - baseline.assistanceFen,
    reAssistanceFen: proposed.reAssistanceFen - baseline.reAssistanceFen,
    personalFen: proposed.personalFen - baseline.personalFen,
  };
}
