import { missing, refuse } from '../../shared/domain/refusal.js';
import type { PersonEvent } from './person-events.js';
import type { PersonState, RegisteredPerson } from './person-state.js';

// The one contract of every decider on a person's stream (register, assistance status, death,
// enroll, pay, refund, settle a claim, reverse it, grant relief): the events that record the
// command, or none when the command repeats what is already recorded. A "no" is a thrown Refusal.
// Pure: ids, `now` (as dates) and the policy entry arrive in the command.

export type PersonDecider<C> = (command: C, state: PersonState) => readonly PersonEvent[];

/** A registered person whose personal data was not erased: after erasure nothing more is recorded for them (422 person-erased). */
export function requireRegistered(state: PersonState): RegisteredPerson {
  if (state.status !== 'registered') throw missing('not-found', 'no such person');
  if (state.erasure) throw refuse('person-erased', "the person's personal data was erased");
  return state;
}

/** Nothing about a person can take effect before their birth: 422 person-not-born. */
export function requireBornBy(person: RegisteredPerson, onDate: string, field: string): void {
  if (onDate < person.birthDate)
    throw refuse('person-not-born', `${field} ${onDate} is before the person's birth`);
}

export function requireLiving(state: PersonState): RegisteredPerson {
  const person = requireRegistered(state);
  if (person.dateOfDeath !== null)
    throw refuse('person-deceased', `the person died on ${person.dateOfDeath}`);
  return person;
}
