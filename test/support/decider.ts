import type { ClaimTiers, TierExplanation } from '../../src/policy/domain/tier-explanation.js';
import { expect } from '@jest/globals';
import type { PersonDecider } from '../../src/person-stream/domain/person-decider.js';
import type { PersonEvent } from '../../src/person-stream/domain/person-events.js';
import {
  evolvePerson,
  initialPersonState,
  type PersonState,
} from '../../src/person-stream/domain/person-state.js';
import { Refusal } from '../../src/shared/domain/refusal.js';

// given(events).when(command).then(events | refusal) helpers for the deciders' unit specifications.

/** A person's state after these events, at positions 1, 2, 3, ... */
export function givenPerson(...events: PersonEvent[]): PersonState {
  return events.reduce(
    (s, event, i) => evolvePerson(s, { event, position: i + 1 }),
    initialPersonState(),
  );
}

/** What a refusal must match: its kind, code and field, as far as given. */
export interface RefusalExpectation {
  readonly refused: Partial<Pick<Refusal, 'kind' | 'code' | 'field'>>;
}

export const refused = (expected: RefusalExpectation['refused']): RefusalExpectation => ({
  refused: expected,
});

/**
 * given(events).when(command).then(events | refusal), over the one contract of the person
 * stream's deciders: `decider(decide).given(...history).when(command).then([...])`. Events are
 * matched with toMatchObject (each listed field, and exactly as many events); `then([])` says the
 * command repeats what is recorded.
 */
export function decider<C>(decide: PersonDecider<C>) {
  return {
    given: (...history: PersonEvent[]) => {
      const state = givenPerson(...history);
      return {
        state,
        when: (command: C) => ({
          /** the events decided; fails the test on a refusal */
          events: (): readonly PersonEvent[] => decide(command, state),
          refusal: (): Refusal => refusalOf(() => decide(command, state)),
          /** exactly these events (toEqual), nothing more in any of them */
          thenExactly: (expected: readonly PersonEvent[]): void => {
            expect(decide(command, state)).toEqual(expected);
          },
          then: (expected: readonly unknown[] | RefusalExpectation): void => {
            if ('refused' in expected)
              expect(refusalOf(() => decide(command, state))).toMatchObject(expected.refused);
            else expect(decide(command, state)).toMatchObject(expected);
          },
        }),
      };
    },
  };
}

/** The Refusal the decision throws; fails the test when it decides instead. */
export function refusalOf(decide: () => unknown): Refusal {
  try {
    decide();
  } catch (error) {
    if (error instanceof Refusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** A tier that did not apply: for event fixtures whose tiers the rule under test never reads. */
export function unappliedTier(
  tier: TierExplanation['tier'],
  sums: TierExplanation['sums'],
): TierExplanation {
  return {
    tier,
    applied: false,
    reason: 'fixture',
    sums,
    inputFen: 0,
    payFen: 0,
    baseBeforeFen: null,
    baseAfterFen: null,
    paidBeforeFen: 0,
    paidAfterFen: 0,
    entitlementFen: 0,
    capFen: null,
    deductibleFen: 0,
    ratioBp: null,
    bands: null,
    tiltApplied: false,
  };
}

/** Claim tiers that paid nothing, for fixtures. */
export function unappliedClaimTiers(policyId = '370800-2023'): ClaimTiers {
  return {
    policyId,
    claimType: 'inpatient',
    institutionLevel: 'secondary',
    category: 'none',
    basic: unappliedTier('basic', 'inpatientBasic'),
    criticalIllness: unappliedTier('critical-illness', 'criticalIllness'),
    assistance: unappliedTier('assistance', 'assistance'),
    reAssistance: unappliedTier('re-assistance', 'reAssistance'),
  };
}
