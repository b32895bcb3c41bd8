import { invalid } from '../../shared/domain/refusal.js';

// The findings an alert can be resolved with (API.md 1.1): a fraud signal is confirmed or
// dismissed; a poverty-risk alert (因病返贫致贫风险, not fraud) is the start of assistance on
// application (主动识别): assistance-granted, naming the status change it led to, or not-eligible.

export const fraudOutcomes = ['confirmed', 'dismissed'] as const;
export const povertyRiskOutcomes = ['assistance-granted', 'not-eligible'] as const;
export const alertOutcomes = [...fraudOutcomes, ...povertyRiskOutcomes] as const;
export type AlertOutcome = (typeof alertOutcomes)[number];

/** Throws a 400 naming the field when the outcome does not fit the alert's rule. */
export function checkOutcome(
  rule: string,
  outcome: AlertOutcome,
  statusPosition: number | undefined,
): void {
  const allowed: readonly string[] = rule === 'poverty-risk' ? povertyRiskOutcomes : fraudOutcomes;
  if (!allowed.includes(outcome))
    throw invalid('outcome', `a ${rule} alert is resolved ${allowed.join(' or ')}, not ${outcome}`);
  if (outcome === 'assistance-granted' && statusPosition === undefined)
    throw invalid(
      'statusPosition',
      'assistance-granted names the position of the status change it led to',
    );
  if (outcome !== 'assistance-granted' && statusPosition !== undefined)
    throw invalid('statusPosition', `statusPosition belongs to assistance-granted, not ${outcome}`);
}
