import { describe, expect, it } from '@jest/globals';
import { givenPerson as given, refusalOf } from '../../../test/support/decider.js';
import type { PersonEvent } from './person-events.js';
import { decidePerson, type PersonCommand } from './person.decider.js';
import { residentIdWithCheck } from './resident-id.js';

// given(events).when(command).then(events | refusal), without a database.

const nationalId = residentIdWithCheck('37080219800101123');
const registered: PersonEvent = { type: 'PersonRegistered', data: { personId: 'per_1', nationalId, name: '张三', birthDate: '1980-01-01', regionCode: '370800' } };



const register = (over: Partial<Extract<PersonCommand, { type: 'RegisterPerson' }>['data']> = {}): PersonCommand => ({
  type: 'RegisterPerson',
  data: { personId: 'per_1', nationalId, name: '张三', birthDate: '1980-01-01', regionCode: '370800', ...over },
});

describe('person decider', () => {
  it('registers a new person', () => {
    expect(decidePerson(register(), given())).toEqual([registered]);
  });

  it('answers a repeated registration with the same data with no new events', () => {
    expect(decidePerson(register(), given(registered))).toEqual([]);
  });

  it('refuses the same resident ID with other data as person-conflict', () => {
    expect(refusalOf(() => decidePerson(register({ name: '李四' }), given(registered)))).toMatchObject({ kind: 'conflict', code: 'person-conflict' });
  });

  it('refuses a resident ID whose check character is wrong', () => {
    const bad = nationalId.slice(0, 17) + (nationalId.endsWith('1') ? '2' : '1');
    expect(refusalOf(() => decidePerson(register({ nationalId: bad }), given()))).toMatchObject({ kind: 'invalid', code: 'invalid-national-id', field: 'nationalId' });
  });

  it('refuses a birth date that differs from the one in the resident ID', () => {
    expect(refusalOf(() => decidePerson(register({ birthDate: '1980-01-02' }), given()))).toMatchObject({ kind: 'invalid', field: 'birthDate' });
  });

  it('records death once and refuses a second record as already-deceased', () => {
    const death: PersonCommand = { type: 'RecordDeath', data: { dateOfDeath: '2023-03-01' } };
    const events = decidePerson(death, given(registered));
    expect(events).toEqual([{ type: 'DeathRecorded', data: { personId: 'per_1', dateOfDeath: '2023-03-01' } }]);
    expect(refusalOf(() => decidePerson(death, given(registered, ...events)))).toMatchObject({ kind: 'conflict', code: 'already-deceased' });
  });

  it('refuses an assistance status change for a deceased person', () => {
    const dead: PersonEvent = { type: 'DeathRecorded', data: { personId: 'per_1', dateOfDeath: '2023-03-01' } };
    const change: PersonCommand = { type: 'ChangeAssistanceStatus', data: { category: 'extreme-poverty', effectiveFrom: '2023-01-01' } };
    expect(refusalOf(() => decidePerson(change, given(registered, dead)))).toMatchObject({ kind: 'refused', code: 'person-deceased' });
  });

  it('refuses an assistance status effective before the birth as person-not-born', () => {
    const change = (effectiveFrom: string): PersonCommand => ({ type: 'ChangeAssistanceStatus', data: { category: 'extreme-poverty', effectiveFrom } });
    expect(refusalOf(() => decidePerson(change('1979-12-31'), given(registered)))).toMatchObject({ kind: 'refused', code: 'person-not-born' });
    expect(decidePerson(change('1980-01-01'), given(registered))).toHaveLength(1);
  });

  it('refuses commands for a person never registered as not-found', () => {
    expect(refusalOf(() => decidePerson({ type: 'RecordDeath', data: { dateOfDeath: '2023-01-01' } }, given()))).toMatchObject({ kind: 'not-found' });
  });
});
