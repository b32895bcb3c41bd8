import type { EventData } from '../../../events/event-definition.js';
import type { ClaimCorrected, ClaimSettled } from '../../../events/index.js';
import type { AnnualSums } from '../../policy/domain/annual-sums.js';
import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import { requireRegistered } from '../../person-stream/domain/person-decider.js';
import {
  currentClaimSettlement,
  type CurrentClaim,
  type PersonState,
} from '../../person-stream/domain/person-state.js';
import type { PolicyEntry } from '../../policy/domain/catalogue.js';
import { removeFromSums } from '../../policy/domain/reverse-settlement.js';
import { settleClaim } from '../../policy/domain/settle-claim.js';
import { conflictWith, invalid, missing, refuse } from '../../shared/domain/refusal.js';
import { correctionPostings } from './correction-postings.js';
import { personShare } from './reverse-claim.decider.js';
import { redated, reversed } from '../../ledger/domain/accounts.js';
import { yearOf } from '../../shared/domain/local-date.js';
import { minusShares, sharesOf } from './fund-shares.js';

// A correction (POLICY.md "Corrections and clawbacks"): costs partly disallowed (违规费用). The
// claim is reversed and settled again with the corrected amounts in one event, against the
// annual sums as they stand after the reversal; later claims are not re-settled. A corrected
// claim may be corrected again (from its corrected amounts, never upwards) and reversed later
// (the reversal returns the corrected shares).

export interface CorrectClaim {
  readonly claimId: string;
  readonly totalCostFen: number;
  readonly policyCostFen: number;
  readonly reason: string;
  /** the recording date: the business date of the correction's postings */
  readonly correctedOn: string;
  /** coverage years sealed by a period close: a correction of their claims posts into the open year */
  readonly closedYears?: readonly number[];
  /** the entry of the claim's region and year (the one it was settled under) */
  readonly policy: PolicyEntry | undefined;
}

/** [ClaimCorrected]; [] when the claim's latest correction already set these amounts. */
export function decideCorrectClaim(command: CorrectClaim, person: PersonState): PersonEvent[] {
  const registered = requireRegistered(person);
  const claim = registered.claims.get(command.claimId);
  if (!claim) throw missing('not-found', `no claim ${command.claimId}`);
  if (claim.reversal)
    throw conflictWith(
      'already-reversed',
      `claim ${command.claimId} was reversed on ${claim.reversal.reversedOn}`,
    );
  const current = currentClaimSettlement(claim);
  if (
    current.corrected &&
    command.totalCostFen === current.totalCostFen &&
    command.policyCostFen === current.policyCostFen
  )
    return [];
  if (command.totalCostFen > current.totalCostFen)
    throw invalid(
      'totalCostFen',
      `totalCostFen must not exceed the claim's ${current.totalCostFen} fen: a correction only disallows costs`,
    );
  if (command.policyCostFen > current.policyCostFen)
    throw invalid(
      'policyCostFen',
      `policyCostFen must not exceed the claim's ${current.policyCostFen} fen: a correction only disallows costs`,
    );
  if (command.policyCostFen > command.totalCostFen)
    throw invalid('policyCostFen', 'policyCostFen must not exceed totalCostFen');
  if (
    command.totalCostFen === current.totalCostFen &&
    command.policyCostFen === current.policyCostFen
  )
    throw invalid('totalCostFen', "the corrected amounts equal the claim's: nothing to correct");
  const s = claim.settled;
  const { policy } = command;
  if (!policy || policy.policyId !== s.policyId)
    throw refuse(
      'no-policy',
      `the policy ${s.policyId} the claim was settled under is not in force`,
    );
  // a settled claim put its year's sums in the state
  const before = registered.annualSums.get(s.coverageYear)!;
  return [{ type: 'ClaimCorrected', data: corrected(command, policy, s, current, before) }];
}

function corrected(
  c: CorrectClaim,
  policy: PolicyEntry,
  s: EventData<typeof ClaimSettled>,
  current: CurrentClaim,
  before: AnnualSums,
): EventData<typeof ClaimCorrected> {
  const afterReversal = removeFromSums(before, current.tiers);
  const again = settleClaim(policy, afterReversal, {
    claimType: s.claimType,
    institutionLevel: s.institutionLevel,
    totalCostFen: c.totalCostFen,
    policyCostFen: c.policyCostFen,
    category: current.tiers.category,
  });
  // the institution is owed its share as settled or last corrected; what a later re-adjudication
  // moved between the funds and the person goes back the other way in the same append
  const recovered = minusShares(sharesOf(current.institutionBreakdown), sharesOf(again.breakdown));
  const money = [
    ...correctionPostings(s.regionCode, s.coverageYear, s.institutionId, recovered),
    ...reversed(personShare(s.personId, s, current)),
  ];
  return {
    claimId: c.claimId,
    personId: s.personId,
    institutionId: s.institutionId,
    regionCode: s.regionCode,
    coverageYear: s.coverageYear,
    reason: c.reason,
    correctedOn: c.correctedOn,
    before: {
      totalCostFen: current.totalCostFen,
      policyCostFen: current.policyCostFen,
      breakdown: { ...current.breakdown },
    },
    after: {
      totalCostFen: c.totalCostFen,
      policyCostFen: c.policyCostFen,
      breakdown: { ...again.breakdown },
    },
    recovered,
    tiers: again.tiers,
    annualSumsBefore: before,
    annualSumsAfterReversal: afterReversal,
    annualSumsAfter: again.sumsAfter,
    postings: c.closedYears?.includes(s.coverageYear)
      ? redated(money, s.coverageYear, yearOf(c.correctedOn))
      : money,
  };
}
