import { describe, expect, it } from '@jest/globals';
import { decider, refused } from '../../../test/support/decider.js';
import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import { decidePerson, type PersonCommand } from './person.decider.js';
import { residentIdWithCheck } from './resident-id.js';

// given(events).when(command).then(events | refusal), without a database.

const { given } = decider(decidePerson);
const nationalId = residentIdWithCheck('37080219800101123');
const registered: PersonEvent = {
  type: 'PersonRegistered',
  data: {
    personId: 'per_1',
    nationalId,
    name: '张三',
    birthDate: '1980-01-01',
    regionCode: '370800',
  },
};

const register = (
  over: Partial<Extract<PersonCommand, { type: 'RegisterPerson' }>['data']> = {},
): PersonCommand => ({
  type: 'RegisterPerson',
  data: {
    personId: 'per_1',
    nationalId,
    name: '张三',
    birthDate: '1980-01-01',
    regionCode: '370800',
    ...over,
  },
});

describe('person decider', () => {
  it('registers a new person', () => {
    given().when(register()).thenExactly([registered]);
  });

  it('answers a repeated registration with the same data with no new events', () => {
    given(registered).when(register()).thenExactly([]);
  });

  it('refuses the same resident ID with other data as person-conflict', () => {
    given(registered)
      .when(register({ name: '李四' }))
      .then(refused({ kind: 'conflict', code: 'person-conflict' }));
  });

  it('refuses a resident ID whose check character is wrong', () => {
    const bad = nationalId.slice(0, 17) + (nationalId.endsWith('1') ? '2' : '1');
    given()
      .when(register({ nationalId: bad }))
      .then(refused({ kind: 'invalid', code: 'invalid-national-id', field: 'nationalId' }));
  });

  it('refuses a birth date that differs from the one in the resident ID', () => {
    given()
      .when(register({ birthDate: '1980-01-02' }))
      .then(refused({ kind: 'invalid', field: 'birthDate' }));
  });

  it('records death once and refuses a second record as already-deceased', () => {
    const death: PersonCommand = { type: 'RecordDeath', data: { dateOfDeath: '2023-03-01' } };
    const died: PersonEvent = {
      type: 'DeathRecorded',
      data: { personId: 'per_1', dateOfDeath: '2023-03-01' },
    };
    given(registered).when(death).thenExactly([died]);
    given(registered, died)
      .when(death)
      .then(refused({ kind: 'conflict', code: 'already-deceased' }));
  });

  it('refuses an assistance status change for a deceased person', () => {
    const dead: PersonEvent = {
      type: 'DeathRecorded',
      data: { personId: 'per_1', dateOfDeath: '2023-03-01' },
    };
    const change: PersonCommand = {
      type: 'ChangeAssistanceStatus',
      data: { category: 'extreme-poverty', effectiveFrom: '2023-01-01' },
    };
    given(registered, dead)
      .when(change)
      .then(refused({ kind: 'refused', code: 'person-deceased' }));
  });

  it('refuses an assistance status effective before the birth as person-not-born', () => {
    const change = (effectiveFrom: string): PersonCommand => ({
      type: 'ChangeAssistanceStatus',
      data: { category: 'extreme-poverty', effectiveFrom },
    });
    given(registered)
      .when(change('1979-12-31'))
      .then(refused({ kind: 'refused', code: 'person-not-born' }));
    expect(given(registered).when(change('1980-01-01')).events()).toHaveLength(1);
  });

  it('refuses commands for a person never registered as not-found', () => {
    given()
      .when({ type: 'RecordDeath', data: { dateOfDeath: '2023-01-01' } })
      .then(refused({ kind: 'not-found' }));
  });
});
