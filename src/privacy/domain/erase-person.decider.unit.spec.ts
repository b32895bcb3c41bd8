import { describe, it } from '@jest/globals';
import { decider, refused } from '../../../test/support/decider.js';
import { decideErasure } from './erase-person.decider.js';

const decide = decider(decideErasure);
const personId = 'per_000000000000000000000001';
const registered = {
  type: 'PersonRegistered' as const,
  data: {
    personId,
    nationalId: '37080219700506001X',
    name: '张三',
    birthDate: '1970-05-06',
    regionCode: '370800',
  },
};
const legalBasis = '《个人信息保护法》第四十七条 request of 2026-12-01';

describe('erasure of a person', () => {
  it('records PersonErased with the legal basis and no personal data', () =>
    decide
      .given(registered)
      .when({ legalBasis, registrationSealed: true })
      .then([{ type: 'PersonErased', data: { personId, legalBasis } }]));

  it('repeats nothing for a person already erased', () =>
    decide
      .given(registered, { type: 'PersonErased', data: { personId, legalBasis } })
      .when({ legalBasis: 'another request', registrationSealed: true })
      .then([]));

  it('refuses a person registered in clear before sealing: 422 erasure-not-possible', () =>
    decide
      .given(registered)
      .when({ legalBasis, registrationSealed: false })
      .then(refused({ code: 'erasure-not-possible' })));

  it('refuses an unknown person: 404', () =>
    decide
      .given()
      .when({ legalBasis, registrationSealed: true })
      .then(refused({ code: 'not-found' })));
});
