import { accounts, transfer } from '../../ledger/domain/accounts.js';
import { requireBornBy, requireRegistered } from '../../person-stream/domain/person-decider.js';
import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import {
  assistanceCategoryOn,
  enrollmentForYear,
  type GrantRecord,
  type PersonState,
  type RegisteredPerson,
} from '../../person-stream/domain/person-state.js';
import { emptyAnnualSums } from '../../policy/domain/annual-sums.js';
import { settleRelief } from '../../policy/domain/settle-relief.js';
import { conflictWith, refuse } from '../../shared/domain/refusal.js';
import { policyFits, type PolicyEntry } from '../../policy/domain/catalogue.js';

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

/** The command as decided: the id a new grant gets (OpaqueIds.grantId of the person and reference), the reference's holder and the policy entry of reliefPolicyKey. */
export interface GrantReliefCommand extends GrantRelief {
  readonly grantId: string;
  readonly holder: ReferenceHolder | undefined;
  readonly policy: PolicyEntry | undefined;
}

/** The region and year whose policy a grant on this date is decided under: the year's enrollment's region, else the person's. */
export function reliefPolicyKey(
  person: RegisteredPerson,
  onDate: string,
): { regionCode: string; coverageYear: number } {
  const coverageYear = Number(onDate.slice(0, 4));
  return {
    regionCode: enrollmentForYear(person, coverageYear)?.registered.regionCode ?? person.regionCode,
    coverageYear,
  };
}

/** The grant of a reference, if this person holds one. */
export function grantOfReference(
  person: RegisteredPerson,
  reference: string,
): GrantRecord | undefined {
  return [...person.grants.values()].find((g) => g.granted.reference === reference);
}

/** [ReliefGranted], or none when the same grant is already recorded. */
export function decideGrantRelief(command: GrantReliefCommand, person: PersonState): PersonEvent[] {
  const registered = requireRegistered(person);
  const { holder } = command;
  if (holder && holder.personId !== registered.personId) {
    throw conflictWith(
      'reference-reused',
      `reference ${command.reference} already paid a grant to another person (${holder.grantId})`,
    );
  }
  const earlier = grantOfReference(registered, command.reference);
  if (earlier) {
    const same =
      earlier.granted.onDate === command.onDate && earlier.granted.burdenFen === command.burdenFen;
    if (same) return [];
    throw conflictWith(
      'reference-reused',
      `reference ${command.reference} was granted with other content (${earlier.granted.grantId})`,
    );
  }
  requireBornBy(registered, command.onDate, 'onDate');
  if (registered.dateOfDeath !== null && command.onDate > registered.dateOfDeath) {
    throw refuse(
      'person-deceased',
      `the person died on ${registered.dateOfDeath}, before ${command.onDate}`,
    );
  }
  const category = assistanceCategoryOn(registered, command.onDate);
  if (category === 'none')
    throw refuse('not-eligible', `the person is in no assistance category on ${command.onDate}`);
  const { regionCode, coverageYear } = reliefPolicyKey(registered, command.onDate);
  const { policy } = command;
  if (!policy)
    throw refuse('no-policy', `no policy for region ${regionCode} and year ${coverageYear}`);
  // the command's builder looked it up by reliefPolicyKey; another entry is a bug, never a grant
  if (!policyFits(policy, regionCode, coverageYear))
    throw new Error(`policy ${policy.policyId} is not the one for ${regionCode} ${coverageYear}`);
  const before = registered.annualSums.get(coverageYear) ?? emptyAnnualSums();
  const relief = settleRelief(policy, before, { burdenFen: command.burdenFen, category });
  const payable = accounts.personPayable(registered.personId);
  return [
    {
      type: 'ReliefGranted',
      data: {
        grantId: command.grantId,
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
        annualSumsBefore: before,
        annualSumsAfter: relief.sumsAfter,
        postings: [
          ...transfer(accounts.assistanceFund(regionCode), payable, relief.assistanceFen),
          ...transfer(accounts.assistanceFund(regionCode), payable, relief.reAssistanceFen),
        ],
      },
    },
  ];
}
