import type { EventData } from '../../../events/event-definition.js';
import type { ClaimReversed, ClaimSettled } from '../../../events/index.js';
import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import { redated, reversed, type Posting } from '../../ledger/domain/accounts.js';
import { yearOf } from '../../shared/domain/local-date.js';
import { requireRegistered } from '../../person-stream/domain/person-decider.js';
import {
  currentClaimSettlement,
  type CurrentClaim,
  type PersonState,
} from '../../person-stream/domain/person-state.js';
import { readjudicationMoney } from '../../readjudication/domain/readjudication-postings.js';
import type { AnnualSums } from '../../policy/domain/annual-sums.js';
import { removeFromSums } from '../../policy/domain/reverse-settlement.js';
import { conflictWith, missing } from '../../shared/domain/refusal.js';
import { claimPostings } from './claim-postings.js';

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
  return [
    {
      type: 'ClaimReversed',
      data: reversal(command, registered.personId, settled, currentClaimSettlement(claim), sums),
    },
  ];
}

function reversal(
  command: ReverseClaim,
  personId: string,
  settled: EventData<typeof ClaimSettled>,
  current: CurrentClaim,
  sums: AnnualSums,
): EventData<typeof ClaimReversed> {
  // the claim's shares as they now stand (corrected, or re-adjudicated) go back to their funds:
  // the institution's share from its payable, and what a re-adjudication moved between the funds
  // and the person from the person's accounts
  const { basicFen, criticalIllnessFen, assistanceFen, reAssistanceFen } = current.breakdown;
  const institution = current.corrected
    ? claimPostings(
        settled.regionCode,
        settled.coverageYear,
        settled.institutionId,
        current.institutionBreakdown,
      )
    : settled.postings;
  const back = [...reversed(institution), ...reversed(personShare(personId, settled, current))];
  return {
    claimId: command.claimId,
    personId,
    coverageYear: settled.coverageYear,
    reason: command.reason,
    reversedOn: command.reversedOn,
    returned: { basicFen, criticalIllnessFen, assistanceFen, reAssistanceFen },
    fromInstitution: {
      basicFen: current.institutionBreakdown.basicFen,
      criticalIllnessFen: current.institutionBreakdown.criticalIllnessFen,
      assistanceFen: current.institutionBreakdown.assistanceFen,
      reAssistanceFen: current.institutionBreakdown.reAssistanceFen,
    },
    annualSumsAfter: removeFromSums(sums, current.tiers),
    // a claim of a closed year is reversed into the open year: its per-year fund lines move there
    postings: command.closedYears?.includes(settled.coverageYear)
      ? redated(back, settled.coverageYear, yearOf(command.reversedOn))
      : back,
  };
}

/** What re-adjudications moved between the funds and the person for a claim (none when not re-adjudicated since its last correction). */
export function personShare(
  personId: string,
  settled: EventData<typeof ClaimSettled>,
  current: CurrentClaim,
): Posting[] {
  return readjudicationMoney(personId, settled.coverageYear, [
    {
      regionCode: settled.regionCode,
      before: current.institutionBreakdown,
      after: current.breakdown,
    },
  ]).postings;
}
