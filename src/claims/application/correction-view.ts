import type { ClaimRecord } from '../../person-stream/domain/person-state.js';

/** The body of POST /claims/{id}/correction: the claim's latest correction. */
export function correctionView(claim: ClaimRecord): Record<string, unknown> {
  const c = claim.corrections!.at(-1)!.corrected;
  return {
    claimId: c.claimId,
    status: 'corrected',
    before: c.before.breakdown,
    after: c.after.breakdown,
    recoveredFen: c.recovered,
  };
}
