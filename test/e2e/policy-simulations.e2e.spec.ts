import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { coveredPerson, inpatient } from '../support/claims.js';
import { registerInstitutions } from '../support/institutions.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// POST /policy-simulations (API.md 1.1, issue 15 items 4 and 5) over HTTP on a real database: the
// region-year's claims settled again under the entry in force and under a proposal, nothing
// recorded. The region-year: the worked example of POLICY.md (a person in minimum-living-allowance,
// tertiary inpatient 120,000 yuan then grassroots inpatient 8,000 yuan), one outpatient claim of a
// person in no category, and one reversed claim that the simulation leaves out.

const tertiaryPlus5 = { inpatient: { levels: { tertiary: { ratioBp: 6500 } } } };

describe('policy simulation over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await registerInstitutions(
      t,
      { institutionId: 'H370800001', level: 'tertiary' },
      { institutionId: 'H370800002', level: 'grassroots' },
    );
    const poor = await coveredPerson(t, 'minimum-living-allowance');
    await t.post('/claims', inpatient(poor), 'institution').expect(201);
    await t
      .post(
        '/claims',
        inpatient(poor, {
          institutionId: 'H370800002',
          institutionLevel: 'grassroots',
          admissionDate: '2023-04-01',
          dischargeDate: '2023-04-05',
          totalCostFen: 800000,
          policyCostFen: 700000,
        }),
        'institution',
      )
      .expect(201);
    const other = await coveredPerson(t, 'none', '1980-02-03');
    // outpatient-general at grassroots: 20,000 fen, 50% = 10,000 (within the 30,000 limit)
    const {
      claimType: _t,
      admissionDate: _a,
      dischargeDate: _d,
      ...outpatient
    } = inpatient(other, {
      institutionId: 'H370800002',
      institutionLevel: 'grassroots',
      totalCostFen: 20000,
      policyCostFen: 20000,
    });
    await t
      .post(
        '/claims',
        { ...outpatient, claimType: 'outpatient-general', serviceDate: '2023-05-02' },
        'institution',
      )
      .expect(201);
    const reversed = await t
      .post(
        '/claims',
        inpatient(other, { admissionDate: '2023-06-01', dischargeDate: '2023-06-03' }),
        'institution',
      )
      .expect(201);
    await t
      .post(`/claims/${reversed.body.claimId}/reversal`, { reason: '追回' }, 'investigator')
      .expect(201);
    // relief on application for a person in extreme poverty: 300,000 fen burden, assistance
    // 300,000 x 70% = 210,000 (deductible 0), B3 90,000 below the re-assistance threshold
    const relieved = await coveredPerson(t, 'extreme-poverty', '1955-07-08');
    await t
      .post(
        '/relief-grants',
        { personId: relieved, onDate: '2023-05-01', burdenFen: 300000, reference: 'SIM-G1' },
        'clerk',
      )
      .expect(201);
  });
  afterAll(async () => t.close());

  const idempotencyKeys = async () =>
    Number((await t.db.query('SELECT count(*) AS n FROM idempotency_keys')).rows[0].n);

  it('raises the tertiary ratio 5 points: the difference per fund written out in fen, nothing recorded', async () => {
    const before = await t.eventCount();
    const keysBefore = await idempotencyKeys();
    const res = await t
      .post(
        '/policy-simulations',
        { regionCode: '370800', coverageYear: 2023, changes: tertiaryPlus5 },
        'finance',
        'sim-1',
      )
      .expect(200);
    expect(res.body).toMatchObject({
      regionCode: '370800',
      coverageYear: 2023,
      policyId: '370800-2023',
      persons: 3,
      claims: 3,
      reliefGrants: 1,
      changedNumbers: [
        { field: 'inpatient.levels.tertiary.ratioBp', inForce: 6000, proposed: 6500 },
      ],
    });
    // baseline: the worked example's two claims (6,518,000 basic; 2,230,800 critical illness;
    // 1,000,000 assistance; 315,840 re-assistance; 2,735,360 personal) + the outpatient claim
    // (10,000 basic, 10,000 personal) + the relief grant (210,000 assistance, 90,000 personal);
    // the reversed claim is left out
    expect(res.body.baselineFen).toEqual({
      basicFen: 6528000,
      criticalIllnessFen: 2230800,
      assistanceFen: 1210000,
      reAssistanceFen: 315840,
      personalFen: 2835360,
    });
    expect(res.body.recordedFen).toEqual(res.body.baselineFen);
    // claim 1 under 65%: basic 6,435,000 (+495,000); critical illness 1,829,750 (-321,750);
    // assistance capped at 1,000,000 (0); re-assistance 164,675 (-121,275); personal 2,570,575 (-51,975)
    expect(res.body.differenceFen).toEqual({
      basicFen: 495000,
      criticalIllnessFen: -321750,
      assistanceFen: 0,
      reAssistanceFen: -121275,
      personalFen: -51975,
    });
    expect(res.body.proposedFen).toEqual({
      basicFen: 7023000,
      criticalIllnessFen: 1909050,
      assistanceFen: 1210000,
      reAssistanceFen: 194565,
      personalFen: 2783385,
    });
    expect(
      res.body.byLevel.map((g: any) => [g.level, g.settlements, g.differenceFen.basicFen]),
    ).toEqual([
      ['grassroots', 2, 0],
      ['tertiary', 1, 495000],
      [null, 1, 0], // the relief grant: no institution
    ]);
    expect(res.body.byCategory.map((g: any) => [g.category, g.settlements])).toEqual([
      ['extreme-poverty', 1],
      ['minimum-living-allowance', 2],
      ['none', 1],
    ]);
    expect(res.body.personsAtCap.baseline.assistance).toBe(1);
    expect(res.body.personsAtCap.proposed.assistance).toBe(1);
    expect(await t.eventCount()).toBe(before);
    // the same Idempotency-Key again: the same answer, still nothing recorded
    const again = await t
      .post(
        '/policy-simulations',
        { regionCode: '370800', coverageYear: 2023, changes: tertiaryPlus5 },
        'finance',
        'sim-1',
      )
      .expect(200);
    expect(again.body).toEqual(res.body);
    expect(await t.eventCount()).toBe(before);
    expect(await idempotencyKeys()).toBe(keysBefore);
  });

  it('with no changes equals the baseline, which equals what was recorded', async () => {
    const res = await t
      .post(
        '/policy-simulations',
        { regionCode: '370800', coverageYear: 2023, changes: {} },
        'auditor',
      )
      .expect(200);
    expect(res.body.differenceFen).toEqual({
      basicFen: 0,
      criticalIllnessFen: 0,
      assistanceFen: 0,
      reAssistanceFen: 0,
      personalFen: 0,
    });
    expect(res.body.proposedFen).toEqual(res.body.recordedFen);
    expect(res.body.changedNumbers).toEqual([]);
  });

  it('simulates a county code in its pooling city (370802 -> 370800)', async () => {
    const res = await t
      .post(
        '/policy-simulations',
        { regionCode: '370802', coverageYear: 2023, changes: {} },
        'admin',
      )
      .expect(200);
    expect(res.body).toMatchObject({ regionCode: '370800', claims: 3, persons: 3 });
  });

  it('refuses a change the catalogue validation refuses: 400 naming changes.<field>, nothing recorded', async () => {
    const before = await t.eventCount();
    const res = await t
      .post(
        '/policy-simulations',
        {
          regionCode: '370800',
          coverageYear: 2023,
          changes: { inpatient: { levels: { tertiary: { ratioBp: 10001 } } } },
        },
        'finance',
      )
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('validation-failed');
    expect(res.body.errors.map((e: any) => e.field)).toEqual([
      'changes.inpatient.levels.tertiary.ratioBp',
    ]);
    const unknown = await t
      .post(
        '/policy-simulations',
        { regionCode: '370800', coverageYear: 2023, changes: { inpatient: { ratio: 1 } } },
        'finance',
      )
      .expect(400);
    expect(unknown.body.errors[0].field).toBe('changes.inpatient.ratio');
    const missing = await t
      .post('/policy-simulations', { regionCode: '370800', coverageYear: 2023 }, 'finance')
      .expect(400);
    expect(missing.body.errors.map((e: any) => e.field)).toEqual(['changes']);
    expect(await t.eventCount()).toBe(before);
  });

  it('answers a region and year without an entry with 422 no-policy', async () => {
    const res = await t
      .post(
        '/policy-simulations',
        { regionCode: '370800', coverageYear: 2030, changes: {} },
        'finance',
      )
      .expect(422);
    expect(res.body.code).toBe('no-policy');
  });

  it('lets finance, auditor and admin simulate, and no other role', async () => {
    const body = { regionCode: '370800', coverageYear: 2023, changes: {} };
    for (const role of ['clerk', 'institution', 'investigator'] as const)
      expect((await t.post('/policy-simulations', body, role)).status).toBe(403);
    for (const role of ['finance', 'auditor', 'admin'] as const)
      expect((await t.post('/policy-simulations', body, role)).status).toBe(200);
  });
});
