import type { ClaimRecord } from '../../person-stream/domain/person-state.js';

/** The body of POST /claims, and of GET /claims/{id} with status and events added. */
export function claimView(claim: ClaimRecord): Record<string, unknown> {
  const s = claim.settled;
  return {
    claimId: s.claimId,
    policyId: s.policyId,
    coverageYear: s.coverageYear,
    status: claim.reversal ? 'reversed' : 'settled',
    breakdown: s.breakdown,
    alerts: s.signals.map((signal) => signal.rule),
  };
}

export function claimCreatedView(claim: ClaimRecord): Record<string, unknown> {
  return { ...claimView(claim), status: 'settled' };
}
