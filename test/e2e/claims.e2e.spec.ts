import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { coveredPerson, inpatient } from '../support/claims.js';
import { registerPerson } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { registerInstitutions } from '../support/institutions.js';

// Policy 370800-2023 (Jining). Numbers in fen; POLICY.md's worked example in yuan is quoted beside them.

describe('claim settlement over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await registerInstitutions(
      t,
      { institutionId: 'H370800001', level: 'tertiary' },
      { institutionId: 'H370800002', level: 'tertiary' },
      { institutionId: 'H370800003', level: 'tertiary' },
      { institutionId: 'H370800777', level: 'grassroots' },
    );
  });
  afterAll(async () => t.close());

  it("settles POLICY.md's worked example to the fen, both claims, and shows the annual sums", async () => {
    const personId = await coveredPerson(t, 'minimum-living-allowance');
    // tertiary inpatient, total 120,000 yuan, policy-range 100,000 yuan
    const first = await t.post('/claims', inpatient(personId), 'institution').expect(201);
    expect(first.body).toMatchObject({
      policyId: '370800-2023',
      coverageYear: 2023,
      status: 'settled',
      breakdown: {
        basicFen: 5940000,
        criticalIllnessFen: 2151500,
        assistanceFen: 1000000,
        reAssistanceFen: 285950,
        personalFen: 2622550,
      },
      alerts: [],
    });
    expect(first.body.claimId).toMatch(/^clm_/);
    // grassroots inpatient, total 8,000 yuan, policy-range 7,000 yuan
    const second = await t
      .post(
        '/claims',
        inpatient(personId, {
          institutionLevel: 'grassroots',
          institutionId: 'H370800777',
          admissionDate: '2023-05-01',
          dischargeDate: '2023-05-06',
          totalCostFen: 800000,
          policyCostFen: 700000,
        }),
        'institution',
      )
      .expect(201);
    expect(second.body.breakdown).toEqual({
      basicFen: 578000,
      criticalIllnessFen: 79300,
      assistanceFen: 0,
      reAssistanceFen: 29890,
      personalFen: 112810,
    });
    const usage = await t.get(`/persons/${personId}/usage?year=2023`, 'auditor').expect(200);
    expect(usage.body).toMatchObject({
      policyId: '370800-2023',
      inpatientBasicFen: 6518000,
      inpatientCapFen: 20000000,
      criticalIllness: { baseFen: 4182000, paidFen: 2230800, capFen: null },
      assistance: { baseFen: 1951200, paidFen: 1000000, capFen: 1000000 },
      reAssistance: { baseFen: 951200, paidFen: 315840, capFen: 2000000 },
    });
    const claim = await t.get(`/claims/${first.body.claimId}`, 'auditor').expect(200);
    expect(claim.body).toMatchObject({
      claimId: first.body.claimId,
      status: 'settled',
      breakdown: first.body.breakdown,
      assistanceCategory: 'minimum-living-allowance',
    });
    expect(claim.body.events.map((e: { type: string }) => e.type)).toEqual([
      'ClaimSettled',
      'InvoiceRegistered',
    ]);
  });

  it('pays each tier out of its fund to the institution, in balanced postings', async () => {
    const personId = await coveredPerson(t, 'minimum-living-allowance');
    const res = await t
      .post('/claims', inpatient(personId, { institutionId: 'H370800002' }), 'institution')
      .expect(201);
    const { rows } = await t.db.query(
      "SELECT data FROM events WHERE type = 'ClaimSettled' AND data->>'claimId' = $1",
      [res.body.claimId],
    );
    expect(rows[0].data.postings).toEqual([
      { account: 'fund:basic:370800:2023', debitFen: 5940000, creditFen: 0 },
      { account: 'payable:institution:H370800002', debitFen: 0, creditFen: 5940000 },
      { account: 'fund:critical-illness:370800:2023', debitFen: 2151500, creditFen: 0 },
      { account: 'payable:institution:H370800002', debitFen: 0, creditFen: 2151500 },
      { account: 'fund:assistance:370800', debitFen: 1000000, creditFen: 0 },
      { account: 'payable:institution:H370800002', debitFen: 0, creditFen: 1000000 },
      { account: 'fund:assistance:370800', debitFen: 285950, creditFen: 0 },
      { account: 'payable:institution:H370800002', debitFen: 0, creditFen: 285950 },
    ]);
    expect(rows[0].data).toMatchObject({
      policyId: '370800-2023',
      businessDate: '2023-03-20',
      serviceDate: '2023-03-01',
    });
  });

  it('replays an identical invoice and refuses the same invoice with other content as duplicate-invoice', async () => {
    const personId = await coveredPerson(t);
    const otherPerson = await coveredPerson(t);
    const claim = inpatient(personId, { totalCostFen: 500000, policyCostFen: 400000 });
    const first = await t.post('/claims', claim, 'institution').expect(201);
    const before = await t.stateEventCount();
    const again = await t.post('/claims', claim, 'institution').expect(201);
    expect(again.body).toEqual(first.body);
    const other = await t
      .post('/claims', { ...claim, totalCostFen: 500001 }, 'institution')
      .expect(409);
    expect(other.body.code).toBe('duplicate-invoice');
    expect(
      (await t.post('/claims', { ...claim, personId: otherPerson }, 'institution').expect(409)).body
        .code,
    ).toBe('duplicate-invoice');
    expect(await t.stateEventCount()).toBe(before);
    // refused, and alerted (假票据): each refused request is recorded once as a fraud signal
    expect(await t.refusalsRecorded('duplicate-invoice')).toBe(2);
    await t.post('/claims', { ...claim, personId: otherPerson }, 'institution').expect(409);
    expect(await t.refusalsRecorded('duplicate-invoice')).toBe(2);
  });

  it('refuses claims outside coverage, in the waiting period, after death, and inconsistent input, changing nothing (a claim after death is recorded as a signal)', async () => {
    const uncovered = await registerPerson(t);
    const before = await t.eventCount();
    expect(
      (await t.post('/claims', inpatient(uncovered), 'institution').expect(422)).body.code,
    ).toBe('not-covered');
    const late = await registerPerson(t);
    const { body } = await t
      .post(
        '/enrollments',
        {
          personId: late,
          regionCode: '370800',
          coverageYear: 2023,
          category: 'adult',
          channel: 'late',
          enrolledOn: '2023-03-10',
        },
        'clerk',
      )
      .expect(201);
    await t
      .post(
        `/enrollments/${body.enrollmentId}/payments`,
        { receiptNo: `W-${late}`, paidOn: '2023-03-10', amountFen: 38000 },
        'clerk',
      )
      .expect(201);
    const afterSetup = await t.eventCount();
    // benefits from 2023-09-11: a claim on 2023-09-10 is in the waiting period, on 2023-09-11 it is paid
    expect(
      (
        await t
          .post(
            '/claims',
            inpatient(late, { admissionDate: '2023-09-10', dischargeDate: '2023-09-12' }),
            'institution',
          )
          .expect(422)
      ).body.code,
    ).toBe('waiting-period');
    await t
      .post(
        '/claims',
        inpatient(late, { admissionDate: '2023-09-11', dischargeDate: '2023-09-12' }),
        'institution',
      )
      .expect(201);
    const dead = await coveredPerson(t);
    await t.post(`/persons/${dead}/death`, { dateOfDeath: '2023-04-01' }, 'clerk').expect(201);
    await t
      .post(
        '/claims',
        inpatient(dead, { admissionDate: '2023-04-01', dischargeDate: '2023-04-01' }),
        'institution',
      )
      .expect(201);
    const count = await t.stateEventCount();
    expect(
      (
        await t
          .post(
            '/claims',
            inpatient(dead, { admissionDate: '2023-04-02', dischargeDate: '2023-04-03' }),
            'institution',
          )
          .expect(422)
      ).body.code,
    ).toBe('person-deceased');
    expect(await t.refusalsRecorded('claim-after-death')).toBe(1);
    const bad = await t
      .post(
        '/claims',
        inpatient(dead, { policyCostFen: 12000001, dischargeDate: '2023-02-01' }),
        'institution',
      )
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'dischargeDate',
      'policyCostFen',
    ]);
    const shape = await t
      .post(
        '/claims',
        { ...inpatient(dead), claimType: 'outpatient-general', institutionLevel: 'county' },
        'institution',
      )
      .expect(400);
    expect(shape.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'institutionLevel',
      'serviceDate',
    ]);
    expect(await t.stateEventCount()).toBe(count);
    expect(afterSetup).toBeGreaterThan(before);
    await t.post('/claims', inpatient(dead), 'clerk').expect(403);
  });

  it('reverses a claim: each tier back to its fund, out of the annual sums, once', async () => {
    const personId = await coveredPerson(t, 'minimum-living-allowance');
    const first = await t.post('/claims', inpatient(personId), 'institution').expect(201);
    await t
      .post(`/claims/${first.body.claimId}/reversal`, { reason: 'x' }, 'institution')
      .expect(403);
    const reversal = await t
      .post(`/claims/${first.body.claimId}/reversal`, { reason: '虚假住院，追回' }, 'investigator')
      .expect(201);
    expect(reversal.body).toMatchObject({
      claimId: first.body.claimId,
      status: 'reversed',
      returned: {
        basicFen: 5940000,
        criticalIllnessFen: 2151500,
        assistanceFen: 1000000,
        reAssistanceFen: 285950,
      },
    });
    expect(
      (
        await t
          .post(`/claims/${first.body.claimId}/reversal`, { reason: 'again' }, 'investigator')
          .expect(409)
      ).body.code,
    ).toBe('already-reversed');
    const usage = await t.get(`/persons/${personId}/usage?year=2023`, 'auditor').expect(200);
    expect(usage.body).toMatchObject({
      inpatientBasicFen: 0,
      criticalIllness: { baseFen: 0, paidFen: 0 },
      assistance: { baseFen: 0, paidFen: 0 },
      reAssistance: { baseFen: 0, paidFen: 0 },
    });
    // the same claim again after the reversal is settled exactly as the first time
    const again = await t
      .post('/claims', inpatient(personId, { institutionId: 'H370800003' }), 'institution')
      .expect(201);
    expect(again.body.breakdown).toEqual(first.body.breakdown);
    const claim = await t.get(`/claims/${first.body.claimId}`, 'investigator').expect(200);
    expect(claim.body.status).toBe('reversed');
    const asBefore = await t
      .get(
        `/claims/${first.body.claimId}?asOfPosition=${reversal.body.position - 1}`,
        'investigator',
      )
      .expect(200);
    expect(asBefore.body.status).toBe('settled');
    await t
      .post('/claims/clm_000000000000000000000000/reversal', { reason: 'x' }, 'investigator')
      .expect(404);
  });

  it('grants relief on application through tiers 3 and 4, sharing the annual sums, only to people in a category', async () => {
    const personId = await coveredPerson(t, 'minimum-living-allowance');
    // burden 10,000 yuan: assistance 70% = 7,000 yuan; remaining 3,000 yuan is under the 5,000 yuan re-assistance threshold
    const first = await t
      .post(
        '/relief-grants',
        { personId, onDate: '2023-06-01', burdenFen: 1000000, reference: 'YS-1' },
        'clerk',
      )
      .expect(201);
    expect(first.body).toMatchObject({
      coverageYear: 2023,
      assistanceFen: 700000,
      reAssistanceFen: 0,
    });
    // burden 20,000 yuan: assistance base 30,000 → 21,000 capped at 10,000, 3,000 more paid; remaining 17,000;
    // re-assistance base 3,000 + 17,000 = 20,000 → (20,000 - 5,000) x 70% = 10,500
    const second = await t
      .post(
        '/relief-grants',
        { personId, onDate: '2023-07-01', burdenFen: 2000000, reference: 'YS-2' },
        'clerk',
      )
      .expect(201);
    expect(second.body).toMatchObject({ assistanceFen: 300000, reAssistanceFen: 1050000 });
    expect(
      (
        await t
          .post(
            '/relief-grants',
            { personId, onDate: '2023-07-01', burdenFen: 2000000, reference: 'YS-2' },
            'clerk',
          )
          .expect(200)
      ).body,
    ).toEqual(second.body);
    const plain = await coveredPerson(t);
    expect(
      (
        await t
          .post(
            '/relief-grants',
            { personId: plain, onDate: '2023-06-01', burdenFen: 1000000, reference: 'YS-3' },
            'clerk',
          )
          .expect(422)
      ).body.code,
    ).toBe('not-eligible');
    const usage = await t.get(`/persons/${personId}/usage?year=2023`, 'auditor').expect(200);
    expect(usage.body).toMatchObject({
      assistance: { baseFen: 3000000, paidFen: 1000000 },
      reAssistance: { baseFen: 2000000, paidFen: 1050000 },
    });
  });
});
