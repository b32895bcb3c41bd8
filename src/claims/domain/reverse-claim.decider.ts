import type { EventData } from '../../../events/event-definition.js';
import type { ClaimReversed, ClaimSettled } from '../../../events/index.js';
import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import { reversed } from '../../ledger/domain/accounts.js';
import { requireRegistered } from '../../person-stream/domain/person-decider.js';
import {
  currentClaimSettlement,
  type ClaimRecord,
  type PersonState,
} from '../../person-stream/domain/person-state.js';
import { readjudicationMoney } from '../../readjudication/domain/readjudication-postings.js';
import type { AnnualSums } from '../../policy/domain/annual-sums.js';
import { removeFromSums } from '../../policy/domain/reverse-settlement.js';
import { conflictWith, missing } from '../../shared/domain/refusal.js';

// A reversal (追回): each tier's money goes back to its fund (the settlement's postings the other
// way round) and the claim's inputs and payouts leave the person's annual sums. Later claims are
// not re-settled (POLICY.md).

export interface ReverseClaim {
  readonly claimId: string;
  readonly reason: string;
  /** the recording date: the business date of the reversal's postings */
  readonly reversedOn: string;
}

/** [ClaimReversed]; a claim is reversed once (409 already-reversed). */
export function decideReverseClaim(command: ReverseClaim, person: PersonState): PersonEvent[] {
  const registered = requireRegistered(person);
  const claim = registered.claims.get(command.claimId);
  if (!claim) throw missing('not-found', `no claim ${command.claimId}`);
  if (claim.reversal)
    throw conflictWith(
      'already-reversed',
      `claim ${command.claimId} was reversed on ${claim.reversal.reversedOn}`,
    );
  const { settled } = claim;
  // a settled claim put its year's sums in the state
  const sums = registered.annualSums.get(settled.coverageYear)!;
  return [{ type: 'ClaimReversed', data: reversal(command, registered.personId, claim, sums) }];
}

function reversal(
  command: ReverseClaim,
  personId: string,
  claim: ClaimRecord,
  sums: AnnualSums,
): EventData<typeof ClaimReversed> {
  const settled: EventData<typeof ClaimSettled> = claim.settled;
  // after a re-adjudication of its year: the shares and tiers as they now stand, and the
  // difference paid to (or recovered from) the person comes back too
  const now = currentClaimSettlement(claim);
  const { basicFen, criticalIllnessFen, assistanceFen, reAssistanceFen } = now.breakdown;
  const toPerson = readjudicationMoney(personId, settled.coverageYear, [
    { regionCode: settled.regionCode, before: settled.breakdown, after: now.breakdown },
  ]).postings;
  return {
    claimId: command.claimId,
    personId,
    coverageYear: settled.coverageYear,
    reason: command.reason,
    reversedOn: command.reversedOn,
    returned: { basicFen, criticalIllnessFen, assistanceFen, reAssistanceFen },
    annualSumsAfter: removeFromSums(sums, now.tiers),
    postings: [...reversed(settled.postings), ...reversed(toPerson)],
  };
}
