import type { PersonEvent } from '../../src/persons/domain/person-events.js';
import { evolvePerson, initialPersonState, type PersonState } from '../../src/persons/domain/person-state.js';
import { Refusal } from '../../src/shared/domain/refusal.js';

// given(events).when(command).then(events | refusal) helpers for the deciders' unit specifications.

/** A person's state after these events, at positions 1, 2, 3, ... */
export function givenPerson(...events: PersonEvent[]): PersonState {
  return events.reduce((s, event, i) => evolvePerson(s, { event, position: i + 1 }), initialPersonState());
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
