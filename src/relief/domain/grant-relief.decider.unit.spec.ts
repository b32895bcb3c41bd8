import { describe, it } from '@jest/globals';
import { decider, refused } from '../../../test/support/decider.js';
import { loadCatalogue } from '../../policy/load-catalogue.js';
import { findPolicy } from '../../policy/domain/catalogue.js';
import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import { decideGrantRelief, type GrantReliefCommand } from './grant-relief.decider.js';

// Relief on application is dated like a claim: nothing can be granted for a day before the birth.

const { given } = decider(decideGrantRelief);
const policy = findPolicy(loadCatalogue(), '370800', 2023);
const registered: PersonEvent = {
  type: 'PersonRegistered',
  data: {
    personId: 'per_1',
    nationalId: '370802202306011234',
    name: '甲',
    birthDate: '2023-06-01',
    regionCode: '370800',
  },
};
// recorded before the rule existed: a status effective before the birth
const poor: PersonEvent = {
  type: 'AssistanceStatusChanged',
  data: { personId: 'per_1', category: 'extreme-poverty', effectiveFrom: '2023-01-01' },
};

const grant = (over: Partial<GrantReliefCommand> = {}): GrantReliefCommand => ({
  onDate: '2023-06-01',
  burdenFen: 1_000_000,
  reference: 'MA-1',
  grantId: 'grt_1',
  holder: undefined,
  policy,
  ...over,
});

describe('grant relief decider', () => {
  it('refuses relief dated before the birth as person-not-born', () => {
    given(registered, poor)
      .when(grant({ onDate: '2023-05-31' }))
      .then(refused({ kind: 'refused', code: 'person-not-born' }));
  });

  it('grants relief dated on or after the birth', () => {
    given(registered, poor)
      .when(grant())
      .then([{ type: 'ReliefGranted', data: { grantId: 'grt_1', onDate: '2023-06-01' } }]);
  });

  it('refuses without the policy entry of the region and year as no-policy', () => {
    given(registered, poor)
      .when(grant({ policy: undefined }))
      .then(refused({ kind: 'refused', code: 'no-policy' }));
  });

  it('refuses a reference held by another person, or held by this person with another body, as reference-reused', () => {
    given(registered, poor)
      .when(grant({ holder: { personId: 'per_2', grantId: 'grt_other' } }))
      .then(refused({ kind: 'conflict', code: 'reference-reused' }));
    const granted = given(registered, poor).when(grant()).events();
    const mine = { personId: 'per_1', grantId: 'grt_1' };
    given(registered, poor, ...granted)
      .when(grant({ holder: mine }))
      .thenExactly([]);
    given(registered, poor, ...granted)
      .when(grant({ holder: mine, burdenFen: 2_000_000 }))
      .then(refused({ code: 'reference-reused' }));
  });
});
