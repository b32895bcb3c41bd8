import type { EventData } from '../../../events/event-definition.js';
import type { ClaimReversed, ClaimSettled } from '../../../events/index.js';
import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import { redated, reversed } from '../../ledger/domain/accounts.js';
import { yearOf } from '../../shared/domain/local-date.js';
import { requireRegistered } from '../../person-stream/domain/person-decider.js';
import type { PersonState } from '../../person-stream/domain/person-state.js';
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
  /** the sealed coverage years: a reversal of a claim of one is booked in the year of reversedOn */
  readonly closedYears?: readonly number[];
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
  return [{ type: 'ClaimReversed', data: reversal(command, registered.personId, settled, sums) }];
}

function reversal(
  command: ReverseClaim,
  personId: string,
  settled: EventData<typeof ClaimSettled>,
  sums: AnnualSums,
): EventData<typeof ClaimReversed> {
  const { basicFen, criticalIllnessFen, assistanceFen, reAssistanceFen } = settled.breakdown;
  return {
    claimId: command.claimId,
    personId,
    coverageYear: settled.coverageYear,
    reason: command.reason,
    reversedOn: command.reversedOn,
    returned: { basicFen, criticalIllnessFen, assistanceFen, reAssistanceFen },
    annualSumsAfter: removeFromSums(sums, settled.tiers),
    postings: command.closedYears?.includes(settled.coverageYear)
      ? redated(reversed(settled.postings), settled.coverageYear, yearOf(command.reversedOn))
      : reversed(settled.postings),
  };
}
