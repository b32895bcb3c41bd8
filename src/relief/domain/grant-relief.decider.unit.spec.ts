import { describe, expect, it } from '@jest/globals';
import { givenPerson as given, refusalOf } from '../../../test/support/decider.js';
import { loadCatalogue } from '../../policy/load-catalogue.js';
import { findPolicy } from '../../policy/domain/catalogue.js';
import type { PersonEvent } from '../../persons/domain/person-events.js';
import { decideGrantRelief } from './grant-relief.decider.js';

// Relief on application is dated like a claim: nothing can be granted for a day before the birth.

const catalogue = loadCatalogue();
const policyFor = (region: string, year: number) => findPolicy(catalogue, region, year);
const registered: PersonEvent = { type: 'PersonRegistered', data: { personId: 'per_1', nationalId: '370802202306011234', name: '甲', birthDate: '2023-06-01', regionCode: '370800' } };
// recorded before the rule existed: a status effective before the birth
const poor: PersonEvent = { type: 'AssistanceStatusChanged', data: { personId: 'per_1', category: 'extreme-poverty', effectiveFrom: '2023-01-01' } };

describe('grant relief decider', () => {
  it('refuses relief dated before the birth as person-not-born', () => {
    const grant = { onDate: '2023-05-31', burdenFen: 1_000_000, reference: 'MA-1' };
    expect(refusalOf(() => decideGrantRelief(grant, given(registered, poor), policyFor, 'grt_1'))).toMatchObject({ kind: 'refused', code: 'person-not-born' });
  });

  it('grants relief dated on or after the birth', () => {
    const grant = { onDate: '2023-06-01', burdenFen: 1_000_000, reference: 'MA-1' };
    expect(decideGrantRelief(grant, given(registered, poor), policyFor, 'grt_1')).toMatchObject({ kind: 'grant', granted: { onDate: '2023-06-01' } });
  });

  it('refuses a reference held by another person, or held by this person with another body, as reference-reused', () => {
    const grant = { onDate: '2023-06-01', burdenFen: 1_000_000, reference: 'MA-1' };
    const other = { personId: 'per_2', grantId: 'grt_other' };
    expect(refusalOf(() => decideGrantRelief(grant, given(registered, poor), policyFor, 'grt_1', other))).toMatchObject({ kind: 'conflict', code: 'reference-reused' });
    const first = decideGrantRelief(grant, given(registered, poor), policyFor, 'grt_1');
    const granted: PersonEvent = { type: 'ReliefGranted', data: first.granted };
    const mine = { personId: 'per_1', grantId: first.granted.grantId };
    expect(decideGrantRelief(grant, given(registered, poor, granted), policyFor, 'grt_1', mine)).toMatchObject({ kind: 'repeat' });
    expect(refusalOf(() => decideGrantRelief({ ...grant, burdenFen: 2_000_000 }, given(registered, poor, granted), policyFor, 'grt_1', mine))).toMatchObject({ code: 'reference-reused' });
  });
});
