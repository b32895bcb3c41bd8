import { describe, expect, it } from '@jest/globals';
import { Refusal } from '../../shared/domain/refusal.js';
import { decideInstitution, type InstitutionCommand } from './institution.decider.js';
import {
  evolveInstitution,
  initialInstitutionState,
  levelOn,
  suspensionOn,
  withinAgreement,
  type InstitutionEvent,
} from './institution-registry.js';

// The registry of designated institutions (定点医疗机构): given(events).when(command).then(events
// | refusal), one case per rule, with dates.

function given(...events: InstitutionEvent[]) {
  const state = events.reduce(evolveInstitution, initialInstitutionState);
  return {
    state,
    when: (command: InstitutionCommand) => ({
      then: (expected: InstitutionEvent[]) =>
        expect(decideInstitution(command, state)).toEqual(expected),
      refused: (expected: Partial<Pick<Refusal, 'kind' | 'code' | 'field'>>) => {
        let thrown: unknown;
        try {
          decideInstitution(command, state);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(Refusal);
        expect(thrown).toMatchObject(expected);
      },
    }),
  };
}

const registration = {
  institutionId: 'H370800001',
  name: '济宁市第一人民医院',
  level: 'tertiary' as const,
  regionCode: '370811',
  agreementFrom: '2023-01-01',
  agreementTo: null,
};
const registered: InstitutionEvent = { type: 'InstitutionRegistered', data: registration };
const register: InstitutionCommand = { type: 'RegisterInstitution', data: registration };
const changeLevel = (level: 'grassroots' | 'secondary' | 'tertiary', effectiveFrom: string) =>
  ({
    type: 'ChangeInstitutionLevel',
    data: { institutionId: 'H370800001', level, effectiveFrom },
  }) as const;
const suspend = (from: string, to: string | null, reason = '违规') =>
  ({
    type: 'SuspendInstitution',
    data: { institutionId: 'H370800001', from, to, reason },
  }) as const;

describe('institution registry decider', () => {
  it('registers an institution not yet known', () => {
    given().when(register).then([registered]);
  });

  it('records nothing when the same registration comes again', () => {
    given(registered).when(register).then([]);
  });

  it('refuses a registration with other data as institution-conflict', () => {
    given(registered)
      .when({ ...register, data: { ...registration, level: 'secondary' } })
      .refused({ kind: 'conflict', code: 'institution-conflict' });
    given(registered)
      .when({ ...register, data: { ...registration, agreementTo: '2025-12-31' } })
      .refused({ kind: 'conflict', code: 'institution-conflict' });
  });

  it('refuses an agreement that ends before it starts, naming agreementTo', () => {
    given()
      .when({ ...register, data: { ...registration, agreementTo: '2022-12-31' } })
      .refused({ kind: 'invalid', field: 'agreementTo' });
  });

  it('changes the level from a date; the same change again records nothing', () => {
    const changed: InstitutionEvent = {
      type: 'InstitutionLevelChanged',
      data: { institutionId: 'H370800001', level: 'secondary', effectiveFrom: '2023-07-01' },
    };
    given(registered).when(changeLevel('secondary', '2023-07-01')).then([changed]);
    given(registered, changed).when(changeLevel('secondary', '2023-07-01')).then([]);
    // the registered level from the agreement's start is a repeat too
    given(registered).when(changeLevel('tertiary', '2023-01-01')).then([]);
  });

  it('refuses a level change or suspension of an unknown institution as not-found', () => {
    given().when(changeLevel('secondary', '2023-07-01')).refused({ kind: 'not-found' });
    given().when(suspend('2023-07-01', null)).refused({ kind: 'not-found' });
  });

  it('refuses a level change dated before the agreement starts, naming effectiveFrom', () => {
    given(registered)
      .when(changeLevel('secondary', '2022-12-31'))
      .refused({ kind: 'invalid', field: 'effectiveFrom' });
  });

  it('suspends from a date, to a date or open-ended; the same suspension again records nothing', () => {
    const s: InstitutionEvent = {
      type: 'InstitutionSuspended',
      data: { institutionId: 'H370800001', from: '2023-05-01', to: '2023-05-31', reason: '违规' },
    };
    given(registered).when(suspend('2023-05-01', '2023-05-31')).then([s]);
    given(registered, s).when(suspend('2023-05-01', '2023-05-31')).then([]);
  });

  it('refuses a suspension that ends before it starts, naming to', () => {
    given(registered)
      .when(suspend('2023-05-01', '2023-04-30'))
      .refused({ kind: 'invalid', field: 'to' });
  });

  it('folds levels by date, one per date (the later change of a date replaces the earlier), and suspensions amended by their from date', () => {
    const { institution } = given(
      registered,
      {
        type: 'InstitutionLevelChanged',
        data: { institutionId: 'H370800001', level: 'secondary', effectiveFrom: '2023-09-01' },
      },
      {
        type: 'InstitutionLevelChanged',
        data: { institutionId: 'H370800001', level: 'grassroots', effectiveFrom: '2023-07-01' },
      },
      {
        type: 'InstitutionLevelChanged',
        data: { institutionId: 'H370800001', level: 'secondary', effectiveFrom: '2023-07-01' },
      },
      {
        type: 'InstitutionSuspended',
        data: { institutionId: 'H370800001', from: '2023-05-01', to: null, reason: '违规' },
      },
      {
        type: 'InstitutionSuspended',
        data: {
          institutionId: 'H370800001',
          from: '2023-05-01',
          to: '2023-05-20',
          reason: '整改完成',
        },
      },
    ).state;
    expect(institution!.levels).toEqual([
      { level: 'tertiary', effectiveFrom: '2023-01-01' },
      { level: 'secondary', effectiveFrom: '2023-07-01' },
      { level: 'secondary', effectiveFrom: '2023-09-01' },
    ]);
    expect(levelOn(institution!, '2023-06-30')).toBe('tertiary');
    expect(levelOn(institution!, '2023-07-01')).toBe('secondary');
    expect(institution!.suspensions).toEqual([
      { from: '2023-05-01', to: '2023-05-20', reason: '整改完成' },
    ]);
    expect(suspensionOn(institution!, '2023-05-20')).toBeDefined();
    expect(suspensionOn(institution!, '2023-05-21')).toBeUndefined();
    expect(withinAgreement(institution!, '2022-12-31')).toBe(false);
    expect(withinAgreement(institution!, '2099-01-01')).toBe(true);
  });
});
