import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { inpatient } from '../support/claims.js';
import { registerPerson } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { registerInstitutions } from '../support/institutions.js';

// Nothing about a person takes effect before their birth (API.md 1.1, issue 11 finding 1): an
// enrollment dated before birth is 422 person-not-born (except the newborn channel), a claim
// dated before birth is 422 not-covered, and relief or a status dated before birth is refused too.

describe('nothing dated before birth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await registerInstitutions(t, { institutionId: 'H370800001', level: 'tertiary' });
  });
  afterAll(async () => t.close());

  it('refuses a centralized enrollment dated before birth as person-not-born and records nothing', async () => {
    const personId = await registerPerson(t, '2022-12-10');
    const before = await t.stateEventCount();
    const res = await t
      .post(
        '/enrollments',
        {
          personId,
          regionCode: '370800',
          coverageYear: 2023,
          category: 'student-child',
          channel: 'centralized',
          enrolledOn: '2022-11-15',
        },
        'clerk',
      )
      .expect(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('person-not-born');
    expect(await t.stateEventCount()).toBe(before);
  });

  it('refuses an inpatient claim admitted before birth as not-covered, under a newborn enrollment', async () => {
    const personId = await registerPerson(t, '2023-02-01');
    const enrolled = await t
      .post(
        '/enrollments',
        {
          personId,
          regionCode: '370800',
          coverageYear: 2023,
          category: 'student-child',
          channel: 'newborn',
          enrolledOn: '2023-02-03',
        },
        'clerk',
      )
      .expect(201);
    const due = enrolled.body.contribution.dueFromPersonFen as number;
    if (due > 0)
      await t
        .post(
          `/enrollments/${enrolled.body.enrollmentId}/payments`,
          { receiptNo: `R-born-${personId}`, paidOn: '2023-02-03', amountFen: due },
          'clerk',
        )
        .expect(201);
    const before = await t.stateEventCount();
    const res = await t
      .post(
        '/claims',
        inpatient(personId, { admissionDate: '2023-01-20', dischargeDate: '2023-02-10' }),
        'institution',
      )
      .expect(422);
    expect(res.body.code).toBe('not-covered');
    expect(await t.stateEventCount()).toBe(before);
  });

  it('refuses an assistance status and a relief grant dated before birth as person-not-born', async () => {
    const personId = await registerPerson(t, '2023-02-01');
    const before = await t.stateEventCount();
    const status = await t
      .post(
        `/persons/${personId}/assistance-status`,
        { category: 'extreme-poverty', effectiveFrom: '2023-01-01' },
        'clerk',
      )
      .expect(422);
    expect(status.body.code).toBe('person-not-born');
    await t
      .post(
        `/persons/${personId}/assistance-status`,
        { category: 'extreme-poverty', effectiveFrom: '2023-02-01' },
        'clerk',
      )
      .expect(201);
    const grant = await t
      .post(
        '/relief-grants',
        { personId, onDate: '2023-01-31', burdenFen: 500000, reference: `MA-unborn-${personId}` },
        'clerk',
      )
      .expect(422);
    expect(grant.body.code).toBe('person-not-born');
    expect(await t.stateEventCount()).toBe(before + 1);
  });
});
