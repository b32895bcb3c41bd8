import { missing, refuse } from '../../shared/domain/refusal.js';
import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import type { PersonState } from '../../person-stream/domain/person-state.js';

// Erasure (个人信息删除) of a person's personal data. The log keeps the fact (PersonErased, with
// its legal basis and no personal data); the key that opens the sealed registration is destroyed
// after the append by the handler. Pure: whether the registration was sealed arrives in the command.

export interface ErasePerson {
  readonly legalBasis: string;
  /** the person's registration is a PersonRegisteredSealed (false: a clear PersonRegistered of before sealing) */
  readonly registrationSealed: boolean;
}

export function decideErasure(command: ErasePerson, state: PersonState): readonly PersonEvent[] {
  if (state.status !== 'registered') throw missing('not-found', 'no such person');
  if (state.erasure) return [];
  if (!command.registrationSealed)
    throw refuse(
      'erasure-not-possible',
      'this person was registered before personal data was sealed: their resident ID, name and birth date are in the chained log in clear and cannot be erased without breaking the chain',
    );
  return [
    { type: 'PersonErased', data: { personId: state.personId, legalBasis: command.legalBasis } },
  ];
}
