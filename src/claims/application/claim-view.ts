import type { ClaimRecord } from '../../person-stream/domain/person-state.js';

/** The body of POST /claims, and of GET /claims/{id} with status and events added. */
export function claimView(claim: ClaimRecord): Record<string, unknown> {
  const s = claim.settled;
  const corrected = claim.corrections?.at(-1)?.corrected;
  return {
    claimId: s.claimId,
    policyId: s.policyId,
    coverageYear: s.coverageYear,
    status: claim.reversal ? 'reversed' : corrected ? 'corrected' : 'settled',
    // a corrected claim shows its corrected shares; the first settlement stays in its events
    breakdown: corrected ? corrected.after.breakdown : s.breakdown,
    alerts: s.signals.map((signal) => signal.rule),
  };
}

export function claimCreatedView(claim: ClaimRecord): Record<string, unknown> {
  return { ...claimView(claim), status: 'settled' };
}
