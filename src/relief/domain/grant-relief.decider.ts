import type { EventData } from '../../../events/event-definition.js';
import type { ReliefGranted } from '../../../events/index.js';
import { accounts, transfer } from '../../ledger/domain/accounts.js';
import { requireBornBy, requireRegistered } from '../../persons/domain/person.decider.js';
import { assistanceCategoryOn, enrollmentForYear, type PersonState } from '../../persons/domain/person-state.js';
import { emptyAnnualSums } from '../../policy/domain/annual-sums.js';
import { settleRelief } from '../../policy/domain/settle-relief.js';
import { conflictWith, refuse } from '../../shared/domain/refusal.js';
import type { PolicyLookup } from '../../claims/domain/settle-claim.decider.js';

// Relief on application (依申请救助): tiers 3 and 4 applied to an inpatient burden settled outside
// one-stop settlement, dated onDate, sharing the person's annual sums and caps. The assistance fund
// pays the person (payable:person:{personId}). The reference is the natural key ledger-wide
// (API.md 1.1): the same grant again is a replay; another person or other content is reference-reused.
// An earlier grant of the person is found by its reference, whatever its id (keyed since 1.1, an
// unkeyed hash before).

export interface GrantRelief {
  readonly onDate: string;
  readonly burdenFen: number;
  readonly reference: string;
}

/** Who holds the reference ledger-wide (its guard stream), if anyone. */
export interface ReferenceHolder {
  readonly personId: string;
  readonly grantId: string;
}

export type GrantDecision =
  | { readonly kind: 'grant'; readonly granted: EventData<typeof ReliefGranted> }
  | { readonly kind: 'repeat'; readonly granted: EventData<typeof ReliefGranted>; readonly position: number };

/** `grantId`: the id a new grant gets (OpaqueIds.grantId of the person and reference). */
export function decideGrantRelief(command: GrantRelief, person: PersonState, policyFor: PolicyLookup, grantId: string, holder?: ReferenceHolder): GrantDecision {
  const registered = requireRegistered(person);
  if (holder && holder.personId !== registered.personId) {
    throw conflictWith('reference-reused', `reference ${command.reference} already paid a grant to another person (${holder.grantId})`);
  }
  const earlier = [...registered.grants.values()].find((g) => g.granted.reference === command.reference);
  if (earlier) {
    const same = earlier.granted.onDate === command.onDate && earlier.granted.burdenFen === command.burdenFen;
    if (same) return { kind: 'repeat', granted: earlier.granted, position: earlier.grantedAt };
    throw conflictWith('reference-reused', `reference ${command.reference} was granted with other content (${earlier.granted.grantId})`);
  }
  requireBornBy(registered, command.onDate, 'onDate');
  if (registered.dateOfDeath !== null && command.onDate > registered.dateOfDeath) {
    throw refuse('person-deceased', `the person died on ${registered.dateOfDeath}, before ${command.onDate}`);
  }
  const category = assistanceCategoryOn(registered, command.onDate);
  if (category === 'none') throw refuse('not-eligible', `the person is in no assistance category on ${command.onDate}`);
  const coverageYear = Number(command.onDate.slice(0, 4));
  const regionCode = enrollmentForYear(registered, coverageYear)?.registered.regionCode ?? registered.regionCode;
  const policy = policyFor(regionCode, coverageYear);
  if (!policy) throw refuse('no-policy', `no policy for region ${regionCode} and year ${coverageYear}`);
  const before = registered.annualSums.get(coverageYear) ?? emptyAnnualSums();
  const relief = settleRelief(policy, before, { burdenFen: command.burdenFen, category });
  const payable = accounts.personPayable(registered.personId);
  return {
    kind: 'grant',
    granted: {
      grantId,
      personId: registered.personId,
      regionCode,
      coverageYear,
      policyId: policy.policyId,
      assistanceCategory: category,
      onDate: command.onDate,
      burdenFen: command.burdenFen,
      reference: command.reference,
      assistanceFen: relief.assistanceFen,
      reAssistanceFen: relief.reAssistanceFen,
      tiers: relief.tiers,
      annualSumsBefore: before as unknown as Record<string, unknown>,
      annualSumsAfter: relief.sumsAfter as unknown as Record<string, unknown>,
      postings: [
        ...transfer(accounts.assistanceFund(regionCode), payable, relief.assistanceFen),
        ...transfer(accounts.assistanceFund(regionCode), payable, relief.reAssistanceFen),
      ],
    },
  };
}
