import { Refusal, conflictWith, invalid, refuse } from '../../shared/domain/refusal.js';
import {
  requireLiving,
  requireRegistered,
  requireBornBy,
} from '../../person-stream/domain/person-decider.js';
import { validateResidentId } from './resident-id.js';
import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import type { AssistanceStatus, PersonState } from '../../person-stream/domain/person-state.js';

// Decides the person's own commands: registration (one record per resident ID), assistance
// status over time, death. Pure: ids and dates arrive in the command.

export type PersonCommand =
  | {
      type: 'RegisterPerson';
      data: {
        personId: string;
        nationalId: string;
        name: string;
        birthDate: string;
        regionCode: string;
      };
    }
  | {
      type: 'ChangeAssistanceStatus';
      data: { category: AssistanceStatus; effectiveFrom: string; applicationRef?: string };
    }
  | { type: 'RecordDeath'; data: { dateOfDeath: string } };

/** Events to append; none means the command repeats what is already recorded. */
export type Decision = readonly PersonEvent[];

export function decidePerson(command: PersonCommand, state: PersonState): Decision {
  switch (command.type) {
    case 'RegisterPerson':
      return register(command.data, state);
    case 'ChangeAssistanceStatus': {
      const person = requireLiving(state);
      requireBornBy(person, command.data.effectiveFrom, 'effectiveFrom');
      const { category, effectiveFrom, applicationRef } = command.data;
      return [
        {
          type: 'AssistanceStatusChanged',
          data: {
            personId: person.personId,
            category,
            effectiveFrom,
            ...(applicationRef === undefined ? {} : { applicationRef }),
          },
        },
      ];
    }
    case 'RecordDeath': {
      const person = requireRegistered(state);
      if (person.dateOfDeath !== null)
        throw conflictWith('already-deceased', `death already recorded on ${person.dateOfDeath}`);
      if (command.data.dateOfDeath < person.birthDate)
        throw invalid('dateOfDeath', 'dateOfDeath is before the birth date');
      return [
        {
          type: 'DeathRecorded',
          data: { personId: person.personId, dateOfDeath: command.data.dateOfDeath },
        },
      ];
    }
    default: {
      const exhaustive: never = command;
      return exhaustive;
    }
  }
}

function register(
  data: Extract<PersonCommand, { type: 'RegisterPerson' }>['data'],
  state: PersonState,
): Decision {
  const checked = validateResidentId(data.nationalId);
  if (!checked.ok)
    throw new Refusal(
      'invalid',
      'invalid-national-id',
      `nationalId: ${checked.reason}`,
      'nationalId',
    );
  if (checked.birthDate !== data.birthDate)
    throw invalid(
      'birthDate',
      `birthDate ${data.birthDate} differs from the birth date in the resident ID (${checked.birthDate})`,
    );
  if (state.status === 'registered') {
    if (state.erasure) throw refuse('person-erased', "this resident ID's personal data was erased");
    const same =
      state.nationalId === data.nationalId &&
      state.name === data.name &&
      state.birthDate === data.birthDate &&
      state.regionCode === data.regionCode;
    if (!same)
      throw conflictWith(
        'person-conflict',
        'a person with this resident ID is recorded with other data',
      );
    return [];
  }
  return [{ type: 'PersonRegistered', data }];
}
