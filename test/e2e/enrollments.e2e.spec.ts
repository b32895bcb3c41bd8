import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registerPerson } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Policy 370800-2023 (Jining): personal 380 yuan, government subsidy 640 yuan, critical-illness
// funding 100 yuan, centralized deadline 2022-12-31, newborn grace 3 months, late waiting 6 months.
// Policy 340000-2022 (Anhui): personal 320 yuan, minimum-living-allowance subsidy 90%.

describe('enrollment and contributions over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  const enroll = (personId: string, over: Record<string, unknown> = {}) =>
    t.post(
      '/enrollments',
      {
        personId,
        regionCode: '370800',
        coverageYear: 2023,
        category: 'adult',
        channel: 'centralized',
        enrolledOn: '2022-11-15',
        ...over,
      },
      'clerk',
    );

  it('enrolls in the centralized period, awaits 38000 fen, and covers the whole year once paid', async () => {
    const personId = await registerPerson(t);
    const enrolled = await enroll(personId).expect(201);
    expect(enrolled.body).toMatchObject({
      policyId: '370800-2023',
      status: 'awaiting-payment',
      contribution: {
        personalFen: 38000,
        assistanceSubsidyFen: 0,
        dueFromPersonFen: 38000,
        governmentSubsidyFen: 64000,
        criticalIllnessFundingFen: 10000,
      },
    });
    const id = enrolled.body.enrollmentId as string;
    const wrong = await t
      .post(
        `/enrollments/${id}/payments`,
        { receiptNo: 'R-1', paidOn: '2022-12-01', amountFen: 37999 },
        'clerk',
      )
      .expect(422);
    expect(wrong.body.code).toBe('wrong-amount');
    const paid = await t
      .post(
        `/enrollments/${id}/payments`,
        { receiptNo: 'R-1', paidOn: '2022-12-01', amountFen: 38000 },
        'clerk',
      )
      .expect(201);
    expect(paid.body).toMatchObject({
      enrollmentId: id,
      status: 'active',
      coverageStart: '2023-01-01',
      coverageEnd: '2023-12-31',
      benefitsFrom: '2023-01-01',
    });
    const replay = await t
      .post(
        `/enrollments/${id}/payments`,
        { receiptNo: 'R-1', paidOn: '2022-12-01', amountFen: 38000 },
        'clerk',
      )
      .expect(200);
    expect(replay.body).toEqual(paid.body);
    expect(
      (
        await t
          .post(
            `/enrollments/${id}/payments`,
            { receiptNo: 'R-2', paidOn: '2022-12-02', amountFen: 38000 },
            'clerk',
          )
          .expect(409)
      ).body.code,
    ).toBe('already-paid');
  });

  it('posts the paid contribution as balanced double entry into the basic and critical-illness funds', async () => {
    const personId = await registerPerson(t);
    const { body } = await enroll(personId).expect(201);
    const paid = await t
      .post(
        `/enrollments/${body.enrollmentId}/payments`,
        { receiptNo: 'R-10', paidOn: '2022-12-10', amountFen: 38000 },
        'clerk',
      )
      .expect(201);
    const { rows } = await t.db.query(
      "SELECT data FROM events WHERE position = $1 AND type = 'ContributionPaid'",
      [paid.body.position],
    );
    expect(rows[0].data.postings).toEqual([
      { account: 'external:personal', debitFen: 38000, creditFen: 0 },
      { account: 'fund:basic:370800:2023', debitFen: 0, creditFen: 38000 },
      { account: 'external:government-subsidy', debitFen: 64000, creditFen: 0 },
      { account: 'fund:basic:370800:2023', debitFen: 0, creditFen: 64000 },
      { account: 'fund:basic:370800:2023', debitFen: 10000, creditFen: 0 },
      { account: 'fund:critical-illness:370800:2023', debitFen: 0, creditFen: 10000 },
    ]);
  });

  it('activates at once a minimum-living-allowance enrollee whose share the assistance fund pays in full', async () => {
    const personId = await registerPerson(t);
    await t
      .post(
        `/persons/${personId}/assistance-status`,
        { category: 'minimum-living-allowance', effectiveFrom: '2022-01-01' },
        'clerk',
      )
      .expect(201);
    const res = await enroll(personId).expect(201);
    expect(res.body).toMatchObject({
      status: 'active',
      contribution: { personalFen: 38000, assistanceSubsidyFen: 38000, dueFromPersonFen: 0 },
    });
    const person = await t.get(`/persons/${personId}`, 'investigator').expect(200);
    expect(person.body.enrollments[0]).toMatchObject({
      status: 'active',
      coverageStart: '2023-01-01',
      benefitsFrom: '2023-01-01',
      receiptNo: null,
    });
  });

  it('charges an Anhui minimum-living-allowance enrollee 10%: 3200 of 32000 fen', async () => {
    const personId = await registerPerson(t, '1970-05-06', '340000');
    await t
      .post(
        `/persons/${personId}/assistance-status`,
        { category: 'minimum-living-allowance', effectiveFrom: '2021-01-01' },
        'clerk',
      )
      .expect(201);
    const res = await enroll(personId, {
      regionCode: '340000',
      coverageYear: 2022,
      enrolledOn: '2021-10-01',
    }).expect(201);
    expect(res.body).toMatchObject({
      policyId: '340000-2022',
      status: 'awaiting-payment',
      contribution: {
        personalFen: 32000,
        assistanceSubsidyFen: 28800,
        dueFromPersonFen: 3200,
        governmentSubsidyFen: 58000,
        criticalIllnessFundingFen: 10000,
      },
    });
  });

  it('starts coverage by channel: late waits 6 months, transfer-in next month, special-late next day', async () => {
    const late = await enroll(await registerPerson(t), {
      channel: 'late',
      enrolledOn: '2023-03-10',
    }).expect(201);
    const latePaid = await t
      .post(
        `/enrollments/${late.body.enrollmentId}/payments`,
        { receiptNo: 'L-1', paidOn: '2023-03-10', amountFen: 38000 },
        'clerk',
      )
      .expect(201);
    expect(latePaid.body).toMatchObject({
      coverageStart: '2023-03-11',
      benefitsFrom: '2023-09-11',
      coverageEnd: '2023-12-31',
    });
    const transfer = await enroll(await registerPerson(t), {
      channel: 'transfer-in',
      enrolledOn: '2023-05-20',
    }).expect(201);
    const transferPaid = await t
      .post(
        `/enrollments/${transfer.body.enrollmentId}/payments`,
        { receiptNo: 'T-1', paidOn: '2023-05-20', amountFen: 38000 },
        'clerk',
      )
      .expect(201);
    expect(transferPaid.body).toMatchObject({
      coverageStart: '2023-06-01',
      benefitsFrom: '2023-06-01',
    });
    const special = await enroll(await registerPerson(t), {
      channel: 'special-late',
      enrolledOn: '2023-05-20',
    }).expect(201);
    const specialPaid = await t
      .post(
        `/enrollments/${special.body.enrollmentId}/payments`,
        { receiptNo: 'S-1', paidOn: '2023-05-20', amountFen: 38000 },
        'clerk',
      )
      .expect(201);
    expect(specialPaid.body).toMatchObject({
      coverageStart: '2023-05-21',
      benefitsFrom: '2023-05-21',
    });
  });

  it('covers a newborn from birth within 3 months and refuses after; refuses centralized after the deadline', async () => {
    const baby = await registerPerson(t, '2023-01-31');
    const onTime = await enroll(baby, {
      channel: 'newborn',
      category: 'student-child',
      enrolledOn: '2023-04-30',
    }).expect(201);
    const paid = await t
      .post(
        `/enrollments/${onTime.body.enrollmentId}/payments`,
        { receiptNo: 'N-1', paidOn: '2023-04-30', amountFen: 38000 },
        'clerk',
      )
      .expect(201);
    expect(paid.body).toMatchObject({ coverageStart: '2023-01-31', benefitsFrom: '2023-01-31' });
    const lateBaby = await registerPerson(t, '2023-01-31');
    expect(
      (
        await enroll(lateBaby, {
          channel: 'newborn',
          category: 'student-child',
          enrolledOn: '2023-05-01',
        }).expect(422)
      ).body.code,
    ).toBe('newborn-grace-expired');
    expect(
      (await enroll(await registerPerson(t), { enrolledOn: '2023-01-01' }).expect(422)).body.code,
    ).toBe('centralized-period-closed');
    expect(
      (
        await enroll(await registerPerson(t), {
          coverageYear: 2022,
          enrolledOn: '2021-11-01',
        }).expect(422)
      ).body.code,
    ).toBe('no-policy');
  });

  it('refuses a second enrollment for the same year in any region, and exactly one of racing enrollments wins', async () => {
    const personId = await registerPerson(t);
    await enroll(personId).expect(201);
    expect((await enroll(personId, { regionCode: '370100' }).expect(409)).body.code).toBe(
      'duplicate-enrollment',
    );
    const racer = await registerPerson(t);
    const before = await t.stateEventCount();
    const regions = [
      '370800',
      '370100',
      '370300',
      '370800',
      '370100',
      '370300',
      '370800',
      '370100',
    ];
    const results = await Promise.all(regions.map((regionCode) => enroll(racer, { regionCode })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(
      results.filter((r) => r.status === 409).every((r) => r.body.code === 'duplicate-enrollment'),
    ).toBe(true);
    expect(await t.stateEventCount()).toBe(before + 2); // the winner: its EnrollmentRegistered and the lookup stream of its opaque id
    // refused, and alerted (重复参保): every distinct refused request recorded once (3 regions here, one won)
    expect(await t.refusalsRecorded('duplicate-enrollment')).toBeGreaterThanOrEqual(2);
    expect(await t.refusalsRecorded('duplicate-enrollment')).toBeLessThanOrEqual(1 + 3);
  });

  it('refunds the personal share, and reverses the subsidies, only for a person who died before coverage started', async () => {
    const personId = await registerPerson(t);
    const { body } = await enroll(personId, { enrolledOn: '2022-11-01' }).expect(201);
    await t
      .post(
        `/enrollments/${body.enrollmentId}/payments`,
        { receiptNo: 'D-1', paidOn: '2022-11-02', amountFen: 38000 },
        'clerk',
      )
      .expect(201);
    expect(
      (
        await t
          .post(
            `/enrollments/${body.enrollmentId}/refund`,
            { refundedOn: '2022-12-01', reason: 'test' },
            'clerk',
          )
          .expect(422)
      ).body.code,
    ).toBe('refund-not-allowed');
    await t.post(`/persons/${personId}/death`, { dateOfDeath: '2022-12-15' }, 'clerk').expect(201);
    const refunded = await t
      .post(
        `/enrollments/${body.enrollmentId}/refund`,
        { refundedOn: '2023-01-05', reason: '参保人在待遇享受期前死亡' },
        'clerk',
      )
      .expect(201);
    expect(refunded.body).toMatchObject({
      enrollmentId: body.enrollmentId,
      status: 'refunded',
      refundedPersonalFen: 38000,
    });
    const { rows } = await t.db.query('SELECT data FROM events WHERE position = $1', [
      refunded.body.position,
    ]);
    expect(rows[0].data.postings).toContainEqual({
      account: 'external:personal',
      debitFen: 0,
      creditFen: 38000,
    });
    expect(rows[0].data.postings).toContainEqual({
      account: 'fund:critical-illness:370800:2023',
      debitFen: 10000,
      creditFen: 0,
    });
    expect(
      (
        await t
          .post(
            `/enrollments/${body.enrollmentId}/refund`,
            { refundedOn: '2023-01-06', reason: 'again' },
            'clerk',
          )
          .expect(422)
      ).body.code,
    ).toBe('refund-not-allowed');
    const dead = await registerPerson(t);
    await t.post(`/persons/${dead}/death`, { dateOfDeath: '2022-10-01' }, 'clerk').expect(201);
    expect((await enroll(dead).expect(422)).body.code).toBe('person-deceased');
  });

  it('records appropriations into the assistance fund once per reference', async () => {
    const body = {
      amountFen: 500000000,
      source: 'fiscal',
      receivedOn: '2023-01-10',
      reference: 'CZ-2023-001',
    };
    const first = await t
      .post('/assistance-funds/370800/appropriations', body, 'clerk')
      .expect(201);
    expect(first.body.appropriationId).toMatch(/^apr_/);
    const again = await t
      .post('/assistance-funds/370800/appropriations', body, 'clerk')
      .expect(200);
    expect(again.body).toEqual(first.body);
    expect(
      (
        await t
          .post('/assistance-funds/370800/appropriations', { ...body, amountFen: 1 }, 'clerk')
          .expect(409)
      ).body.code,
    ).toBe('reference-reused');
    const bad = await t
      .post(
        '/assistance-funds/370800/appropriations',
        { ...body, source: 'gift', amountFen: 1.5 },
        'clerk',
      )
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'amountFen',
      'source',
    ]);
    await t.post('/assistance-funds/3708/appropriations', body, 'clerk').expect(400);
    const { rows } = await t.db.query('SELECT data FROM events WHERE position = $1', [
      first.body.position,
    ]);
    expect(rows[0].data.postings).toEqual([
      { account: 'external:appropriation', debitFen: 500000000, creditFen: 0 },
      { account: 'fund:assistance:370800', debitFen: 0, creditFen: 500000000 },
    ]);
  });
});
