import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { coveredPerson, inpatient } from '../support/claims.js';
import { registerPerson } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// API.md 1.1 "Institutions" and POLICY.md "Designated institutions" over HTTP: the registry's
// routes, their refusals, and POST /claims refused for an institution that is not designated on
// the service date or a stated level that is not the registry's.

const scopedKey = 'scoped-hA-key-0123456789';
const hospital = (institutionId: string, over: Record<string, unknown> = {}) => ({
  institutionId,
  name: `济宁 ${institutionId}`,
  level: 'tertiary',
  regionCode: '370811',
  agreementFrom: '2023-01-01',
  ...over,
});

describe('the registry of designated institutions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      apiKeys: { [scopedKey]: { roles: ['institution'], institutions: ['HA'] } },
    });
  });
  afterAll(async () => t.close());

  it('registers an institution (201), answers the same data again with 200 at the same position, and other data with 409 institution-conflict', async () => {
    const first = await t.post('/institutions', hospital('HR1'), 'clerk').expect(201);
    expect(first.body).toEqual({ institutionId: 'HR1', position: expect.any(Number) });
    const again = await t.post('/institutions', hospital('HR1'), 'clerk').expect(200);
    expect(again.body).toEqual(first.body);
    const before = await t.eventCount();
    const conflict = await t
      .post('/institutions', hospital('HR1', { level: 'secondary' }), 'clerk')
      .expect(409);
    expect(conflict.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(conflict.body.code).toBe('institution-conflict');
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses a bad registration naming the field, and records nothing', async () => {
    const before = await t.eventCount();
    const bad = await t
      .post('/institutions', hospital('HR2', { level: 'county', regionCode: '990000' }), 'clerk')
      .expect(400);
    expect(bad.body.code).toBe('validation-failed');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'level',
      'regionCode',
    ]);
    const backwards = await t
      .post('/institutions', hospital('HR2', { agreementTo: '2022-12-31' }), 'clerk')
      .expect(400);
    expect(backwards.body.errors).toEqual([expect.objectContaining({ field: 'agreementTo' })]);
    expect(await t.eventCount()).toBe(before);
    await t.post('/institutions', hospital('HR2'), 'institution').expect(403);
  });

  it('changes the level and suspends from dates, reads the record back, and answers as of a position', async () => {
    const registered = await t.post('/institutions', hospital('HR3'), 'clerk').expect(201);
    const level = await t
      .post('/institutions/HR3/level', { level: 'secondary', effectiveFrom: '2023-07-01' }, 'clerk')
      .expect(201);
    expect(level.body).toEqual({ institutionId: 'HR3', position: expect.any(Number) });
    expect(
      (
        await t
          .post(
            '/institutions/HR3/level',
            { level: 'secondary', effectiveFrom: '2023-07-01' },
            'clerk',
          )
          .expect(200)
      ).body.position,
    ).toBe(level.body.position);
    await t
      .post(
        '/institutions/HR3/suspension',
        { from: '2023-05-01', to: '2023-05-31', reason: '飞行检查发现违规' },
        'clerk',
      )
      .expect(201);
    const now = await t.get('/institutions/HR3', 'auditor').expect(200);
    expect(now.body).toEqual({
      institutionId: 'HR3',
      name: '济宁 HR3',
      regionCode: '370811',
      levels: [
        { level: 'tertiary', effectiveFrom: '2023-01-01' },
        { level: 'secondary', effectiveFrom: '2023-07-01' },
      ],
      agreement: { from: '2023-01-01', to: null },
      suspensions: [{ from: '2023-05-01', to: '2023-05-31', reason: '飞行检查发现违规' }],
    });
    const then = await t
      .get(`/institutions/HR3?asOfPosition=${registered.body.position}`, 'finance')
      .expect(200);
    expect(then.body.levels).toEqual([{ level: 'tertiary', effectiveFrom: '2023-01-01' }]);
    expect(then.body.suspensions).toEqual([]);
    await t.get('/institutions/HR3?asOf=2001-01-01T00:00:00Z', 'auditor').expect(404);
    expect(
      (await t.get('/institutions/HR3?asOfPosition=x', 'auditor').expect(400)).body.errors[0].field,
    ).toBe('asOfPosition');
  });

  it('answers 404 for an unknown institution on every route, and 400 naming the field for bad dates', async () => {
    const before = await t.eventCount();
    await t.get('/institutions/NOPE', 'auditor').expect(404);
    await t
      .post(
        '/institutions/NOPE/level',
        { level: 'secondary', effectiveFrom: '2023-07-01' },
        'clerk',
      )
      .expect(404);
    const missing = await t
      .post('/institutions/NOPE/suspension', { from: '2023-07-01', reason: '违规' }, 'clerk')
      .expect(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    await t.post('/institutions', hospital('HR4'), 'clerk').expect(201);
    const after = await t.eventCount();
    expect(after).toBe(before + 1);
    const backwards = await t
      .post(
        '/institutions/HR4/suspension',
        { from: '2023-07-01', to: '2023-06-30', reason: '违规' },
        'clerk',
      )
      .expect(400);
    expect(backwards.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
    const early = await t
      .post('/institutions/HR4/level', { level: 'secondary', effectiveFrom: '2022-06-30' }, 'clerk')
      .expect(400);
    expect(early.body.errors).toEqual([expect.objectContaining({ field: 'effectiveFrom' })]);
    expect(await t.eventCount()).toBe(after);
  });

  it('lets a key scoped to an institution read its own record only (another is 404, as if unknown)', async () => {
    await t.post('/institutions', hospital('HA'), 'clerk').expect(201);
    await t.post('/institutions', hospital('HB'), 'clerk').expect(201);
    const scoped = (path: string) =>
      request(t.baseUrl).get(`/api/v1${path}`).set('Authorization', `Bearer ${scopedKey}`);
    expect((await scoped('/institutions/HA').expect(200)).body.institutionId).toBe('HA');
    const other = await scoped('/institutions/HB').expect(404);
    const unknown = await scoped('/institutions/HZ').expect(404);
    expect(other.body.code).toBe(unknown.body.code);
    await t.get('/institutions/HB', 'institution').expect(200);
  });
});

describe('claims against the registry', () => {
  let t: TestApp;
  let personId: string;
  beforeAll(async () => {
    t = await startTestApp();
    personId = await coveredPerson(t);
    await t
      .post('/institutions', hospital('HC1', { agreementTo: '2023-10-31' }), 'clerk')
      .expect(201);
    await t
      .post('/institutions/HC1/level', { level: 'secondary', effectiveFrom: '2023-07-01' }, 'clerk')
      .expect(201);
    await t
      .post(
        '/institutions/HC1/suspension',
        { from: '2023-05-01', to: '2023-05-31', reason: '违规' },
        'clerk',
      )
      .expect(201);
  });
  afterAll(async () => t.close());

  const stay = (admissionDate: string, dischargeDate: string, over: Record<string, unknown> = {}) =>
    inpatient(personId, {
      institutionId: 'HC1',
      admissionDate,
      dischargeDate,
      totalCostFen: 500000,
      policyCostFen: 400000,
      ...over,
    });

  it('refuses a claim at an unregistered institution, outside the agreement or inside a suspension with 422 institution-not-designated, recording nothing', async () => {
    const before = await t.eventCount();
    for (const claim of [
      stay('2023-03-01', '2023-03-05', { institutionId: 'H-UNKNOWN' }),
      stay('2023-05-01', '2023-05-03'),
      stay('2023-05-31', '2023-06-02'),
      stay('2023-11-01', '2023-11-03', { institutionLevel: 'secondary' }),
    ]) {
      const res = await t.post('/claims', claim, 'institution').expect(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('institution-not-designated');
    }
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses a stated level that is not the registry level on the service date with 422 institution-level-mismatch', async () => {
    const before = await t.eventCount();
    const res = await t
      .post(
        '/claims',
        stay('2023-07-01', '2023-07-05', { institutionLevel: 'tertiary' }),
        'institution',
      )
      .expect(422);
    expect(res.body.code).toBe('institution-level-mismatch');
    await t
      .post(
        '/claims',
        stay('2023-06-01', '2023-06-05', { institutionLevel: 'grassroots' }),
        'institution',
      )
      .expect(422);
    expect(await t.eventCount()).toBe(before);
  });

  it("settles at the registry's level when the claim states none: secondary from 2023-07-01, tertiary before; (4,000 - 500) x 75% = 2,625 yuan and (4,000 - 1,000) x 60% = 1,800 yuan", async () => {
    const { institutionLevel: _, ...unstated } = stay('2023-07-03', '2023-07-08');
    const secondary = await t.post('/claims', unstated, 'institution').expect(201);
    expect(secondary.body.breakdown.basicFen).toBe(262500);
    const read = await t.get(`/claims/${secondary.body.claimId}`, 'auditor').expect(200);
    expect(read.body.institutionLevel).toBe('secondary');
    // the same claim again, now stating the level it was settled at, is the same claim: a replay
    const replay = await t
      .post('/claims', { ...unstated, institutionLevel: 'secondary' }, 'institution')
      .expect(201);
    expect(replay.body.claimId).toBe(secondary.body.claimId);
    const { institutionLevel: __, ...before } = stay('2023-06-01', '2023-06-05');
    const tertiary = await t.post('/claims', before, 'institution').expect(201);
    expect(tertiary.body.breakdown.basicFen).toBe(180000);
  });

  it('refuses a claim once a suspension covering its date is recorded, though the same claim was acceptable before', async () => {
    await t.post('/institutions', hospital('HC2', { level: 'grassroots' }), 'clerk').expect(201);
    const claim = stay('2023-09-04', '2023-09-06', {
      institutionId: 'HC2',
      institutionLevel: 'grassroots',
    });
    await t
      .post('/institutions/HC2/suspension', { from: '2023-09-01', reason: '协议暂停' }, 'clerk')
      .expect(201);
    expect((await t.post('/claims', claim, 'institution').expect(422)).body.code).toBe(
      'institution-not-designated',
    );
    // the suspension amended with an end: the day after it is paid again
    await t
      .post(
        '/institutions/HC2/suspension',
        { from: '2023-09-01', to: '2023-09-03', reason: '整改完成' },
        'clerk',
      )
      .expect(201);
    await t.post('/claims', claim, 'institution').expect(201);
  });
});

describe('pooling regions over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.post('/institutions', hospital('HP1'), 'clerk').expect(201);
  });
  afterAll(async () => t.close());

  async function enrolAndPay(regionCode: string, coverageYear: number) {
    const personId = await registerPerson(t, '1970-05-06', regionCode);
    const enrolled = await t
      .post(
        '/enrollments',
        {
          personId,
          regionCode,
          coverageYear,
          category: 'adult',
          channel: 'centralized',
          enrolledOn: `${coverageYear - 1}-11-15`,
        },
        'clerk',
      )
      .expect(201);
    await t
      .post(
        `/enrollments/${enrolled.body.enrollmentId}/payments`,
        {
          receiptNo: `R-${personId}`,
          paidOn: `${coverageYear - 1}-12-01`,
          amountFen: enrolled.body.contribution.dueFromPersonFen,
        },
        'clerk',
      )
      .expect(201);
    return { personId, enrolled: enrolled.body };
  }

  it("enrolls a person of county 370811 under Jining's policy 370800-2023, into Jining's funds, and pays their claim from them", async () => {
    const { personId, enrolled } = await enrolAndPay('370811', 2023);
    expect(enrolled.policyId).toBe('370800-2023');
    const c = enrolled.contribution;
    const funds = await t.get('/funds?regionCode=370811&year=2023', 'finance').expect(200);
    const basic = funds.body.funds.find(
      (f: { account: string }) => f.account === 'fund:basic:370800:2023',
    );
    // personal 38,000 fen + government subsidy in; critical-illness funding out
    expect(basic).toMatchObject({
      kind: 'basic',
      regionCode: '370800',
      creditsFen: c.personalFen + c.governmentSubsidyFen,
      debitsFen: c.criticalIllnessFundingFen,
    });
    expect(funds.body.funds.every((f: { account: string }) => f.account.includes(':370800'))).toBe(
      true,
    );
    // tertiary inpatient, total 120,000 yuan, policy range 100,000: basic (100,000 - 1,000) x 60%
    const claim = await t
      .post('/claims', inpatient(personId, { institutionId: 'HP1' }), 'institution')
      .expect(201);
    expect(claim.body.policyId).toBe('370800-2023');
    expect(claim.body.breakdown.basicFen).toBe(5940000);
    const { rows } = await t.db.query(
      "SELECT data FROM events WHERE type = 'ClaimSettled' AND data->>'claimId' = $1",
      [claim.body.claimId],
    );
    expect(rows[0].data.regionCode).toBe('370811');
    expect(rows[0].data.postings).toContainEqual({
      account: 'fund:basic:370800:2023',
      debitFen: 5940000,
      creditFen: 0,
    });
    const budget = await t
      .get('/budget?regionCode=370811&year=2023&asOfDate=2023-06-30', 'finance')
      .expect(200);
    expect(budget.body.funds.map((f: { account: string }) => f.account)).toContain(
      'fund:basic:370800:2023',
    );
  });

  it("enrolls a person of Anhui's 340102 under the province's policy 340000-2022 into Hefei's fund fund:basic:340100:2022", async () => {
    const { enrolled } = await enrolAndPay('340102', 2022);
    expect(enrolled.policyId).toBe('340000-2022');
    const c = enrolled.contribution;
    const funds = await t.get('/funds?regionCode=340100&year=2022', 'finance').expect(200);
    expect(funds.body.funds).toContainEqual(
      expect.objectContaining({
        account: 'fund:basic:340100:2022',
        creditsFen: c.personalFen + c.governmentSubsidyFen,
      }),
    );
    expect(
      (await t.get('/funds?regionCode=340000&year=2022', 'finance').expect(200)).body.funds,
    ).toEqual([]);
  });

  it('refuses an enrollment in a region whose city and province have no entry (110105, 2023) with 422 no-policy', async () => {
    const personId = await registerPerson(t, '1970-05-06', '110105');
    const before = await t.eventCount();
    const res = await t
      .post(
        '/enrollments',
        {
          personId,
          regionCode: '110105',
          coverageYear: 2023,
          category: 'adult',
          channel: 'centralized',
          enrolledOn: '2022-11-15',
        },
        'clerk',
      )
      .expect(422);
    expect(res.body.code).toBe('no-policy');
    expect(await t.eventCount()).toBe(before);
  });

  it("puts an appropriation to a county's assistance fund into its city's: 370811 -> fund:assistance:370800", async () => {
    await t
      .post(
        '/assistance-funds/370811/appropriations',
        { amountFen: 1000000, source: 'fiscal', receivedOn: '2023-01-05', reference: 'POOL-1' },
        'clerk',
      )
      .expect(201);
    const funds = await t.get('/funds?regionCode=370800', 'finance').expect(200);
    expect(funds.body.funds).toContainEqual(
      expect.objectContaining({ account: 'fund:assistance:370800', creditsFen: 1000000 }),
    );
    // one fund, one reference: the same voucher sent under the city is the same appropriation,
    // and under another county of the city with another amount a reused reference
    const first = await t
      .post(
        '/assistance-funds/370811/appropriations',
        { amountFen: 1000000, source: 'fiscal', receivedOn: '2023-01-05', reference: 'POOL-1' },
        'clerk',
      )
      .expect(200);
    const again = await t
      .post(
        '/assistance-funds/370800/appropriations',
        { amountFen: 1000000, source: 'fiscal', receivedOn: '2023-01-05', reference: 'POOL-1' },
        'clerk',
      )
      .expect(200);
    expect(again.body).toEqual(first.body);
    const reused = await t
      .post(
        '/assistance-funds/370812/appropriations',
        { amountFen: 2000000, source: 'fiscal', receivedOn: '2023-01-05', reference: 'POOL-1' },
        'clerk',
      )
      .expect(409);
    expect(reused.body.code).toBe('reference-reused');
  });
});
