import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { coveredPerson, inpatient } from '../support/claims.js';
import { registerInstitutions } from '../support/institutions.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The story of issue 15 through HTTP, policy 370800-2023 (Jining), every number worked out by hand
// from POLICY.md and catalogue.json:
// - basic inpatient: tertiary deductible 100000 fen, 60%; secondary 50000, 75%; grassroots
//   20000, 85%; cap 20000000 a year.
// - critical illness: deductible 1500000, 60% on the first 10000000 of excess; no tilt for
//   illness-impoverished (因病致贫重病患者).
// - assistance for illness-impoverished (the "other persons" tier): deductible 100000, 60%,
//   500000 a year. Re-assistance: over 500000, 70%, 2000000 a year.
// - poverty-risk: a person in no category whose personal payments in a year exceed 2000000.

const none = { assistanceFen: 0, reAssistanceFen: 0 };

describe('from a poverty-risk alert to the assistance the person should have had, and back', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('alert -> assistance-granted (illness-impoverished) -> re-adjudication pays it to the fen; a revoked status recovers it', async () => {
    await registerInstitutions(
      t,
      { institutionId: 'H-RA-T', level: 'tertiary' },
      { institutionId: 'H-RA-S', level: 'secondary' },
      { institutionId: 'H-RA-G', level: 'grassroots' },
    );
    const personId = await coveredPerson(t); // outside every assistance category

    // Claim 1, tertiary, admitted 2023-03-01, total 12000000, policy range 10000000:
    // basic (10000000 - 100000) x 60% = 5940000; B1 4060000;
    // critical illness (4060000 - 1500000) x 60% = 1536000; B2 2524000; no category: no assistance;
    // person 2000000 + 2524000 = 4524000 > 2000000: poverty-risk.
    const claim1 = await t
      .post(
        '/claims',
        inpatient(personId, {
          institutionId: 'H-RA-T',
          admissionDate: '2023-03-01',
          dischargeDate: '2023-03-10',
        }),
        'institution',
      )
      .expect(201);
    expect(claim1.body.breakdown).toEqual({
      basicFen: 5940000,
      criticalIllnessFen: 1536000,
      ...none,
      personalFen: 4524000,
    });
    expect(claim1.body.alerts).toEqual(['poverty-risk']);
    const c1 = claim1.body.claimId as string;

    // Claim 2, secondary, admitted 2023-05-02, total 4000000, policy range 3000000:
    // basic (3000000 - 50000) x 75% = 2212500; B1 787500; critical illness base 4847500,
    // F = 3347500 x 60% = 2008500, pays 2008500 - 1536000 = 472500; B2 315000;
    // person 1000000 + 315000 = 1315000.
    const claim2 = await t
      .post(
        '/claims',
        inpatient(personId, {
          institutionId: 'H-RA-S',
          institutionLevel: 'secondary',
          admissionDate: '2023-05-02',
          dischargeDate: '2023-05-08',
          totalCostFen: 4000000,
          policyCostFen: 3000000,
        }),
        'institution',
      )
      .expect(201);
    expect(claim2.body.breakdown).toEqual({
      basicFen: 2212500,
      criticalIllnessFen: 472500,
      ...none,
      personalFen: 1315000,
    });
    const c2 = claim2.body.claimId as string;

    // The work list (主动识别): the investigator's open poverty-risk alerts.
    const workList = await t
      .get(`/alerts?rule=poverty-risk&status=open&personId=${personId}`, 'investigator')
      .expect(200);
    expect(workList.body.alerts).toHaveLength(1);
    const alertId = workList.body.alerts[0].alertId as string;

    // On application, checked: illness-impoverished from the first large claim's admission.
    const granted = await t
      .post(
        `/persons/${personId}/assistance-status`,
        {
          category: 'illness-impoverished',
          effectiveFrom: '2023-03-01',
          applicationRef: 'YSQ-2023-0001',
        },
        'clerk',
      )
      .expect(201);
    expect(granted.body).toMatchObject({
      category: 'illness-impoverished',
      applicationRef: 'YSQ-2023-0001',
      readjudicationNeeded: [2023],
    });
    const statusPosition = granted.body.position as number;

    // A poverty-risk alert takes only its own outcomes, and names a status change of its person.
    const wrongOutcome = await t
      .post(`/alerts/${alertId}/resolution`, { outcome: 'confirmed', note: '核实' }, 'investigator')
      .expect(400);
    expect(wrongOutcome.body.errors).toEqual([expect.objectContaining({ field: 'outcome' })]);
    const wrongPosition = await t
      .post(
        `/alerts/${alertId}/resolution`,
        {
          outcome: 'assistance-granted',
          note: '因病致贫重病患者，依申请救助',
          statusPosition: claim2.body.position,
        },
        'investigator',
      )
      .expect(400);
    expect(wrongPosition.body.errors).toEqual([
      expect.objectContaining({ field: 'statusPosition' }),
    ]);
    await t
      .post(
        `/alerts/${alertId}/resolution`,
        { outcome: 'assistance-granted', note: '因病致贫重病患者，依申请救助', statusPosition },
        'investigator',
      )
      .expect(201);
    expect(
      (await t.get(`/alerts?rule=poverty-risk&status=open&personId=${personId}`, 'investigator'))
        .body.alerts,
    ).toEqual([]);
    const resolved = await t
      .get(
        `/alerts?rule=poverty-risk&status=assistance-granted&personId=${personId}`,
        'investigator',
      )
      .expect(200);
    expect(resolved.body.alerts.map((a: { alertId: string }) => a.alertId)).toEqual([alertId]);

    // Re-adjudication of 2023 with illness-impoverished from 2023-03-01:
    // claim 1: B2 2524000; assistance min(500000, (2524000 - 100000) x 60% = 1454400) = 500000;
    //   B3 2024000; re-assistance (2024000 - 500000) x 70% = 1066800;
    //   person 2000000 + 2024000 - 1066800 = 2957200.
    // claim 2: B2 315000; assistance at its cap: 0; re-assistance base 2024000 + 315000 = 2339000,
    //   F = 1839000 x 70% = 1287300, pays 1287300 - 1066800 = 220500;
    //   person 1000000 + 315000 - 220500 = 1094500.
    // Assistance fund: 500000 + 1066800 + 220500 = 1787300 owed to the person.
    const readjudicated = await t
      .post(
        `/persons/${personId}/readjudication`,
        { coverageYear: 2023, reason: '依申请救助: 因病致贫重病患者 from 2023-03-01' },
        'clerk',
      )
      .expect(201);
    expect(readjudicated.body).toMatchObject({
      personId,
      coverageYear: 2023,
      claims: [
        {
          claimId: c1,
          before: { basicFen: 5940000, criticalIllnessFen: 1536000, ...none, personalFen: 4524000 },
          after: {
            basicFen: 5940000,
            criticalIllnessFen: 1536000,
            assistanceFen: 500000,
            reAssistanceFen: 1066800,
            personalFen: 2957200,
          },
        },
        {
          claimId: c2,
          before: { basicFen: 2212500, criticalIllnessFen: 472500, ...none, personalFen: 1315000 },
          after: {
            basicFen: 2212500,
            criticalIllnessFen: 472500,
            assistanceFen: 0,
            reAssistanceFen: 220500,
            personalFen: 1094500,
          },
        },
      ],
      differenceFen: {
        basicFen: 0,
        criticalIllnessFen: 0,
        assistanceFen: 500000,
        reAssistanceFen: 1287300,
      },
      owedToPersonFen: 1787300,
      owedByPersonFen: 0,
    });

    // Twice changes nothing the second time: 200, claims [], nothing recorded.
    const again = await t
      .post(
        `/persons/${personId}/readjudication`,
        { coverageYear: 2023, reason: 'again' },
        'investigator',
      )
      .expect(200);
    expect(again.body).toMatchObject({ claims: [], owedToPersonFen: 0, owedByPersonFen: 0 });
    expect(again.body.position).toBe(readjudicated.body.position);

    // The annual sums are those of the re-settlement.
    const usage = await t.get(`/persons/${personId}/usage?year=2023`, 'auditor').expect(200);
    expect(usage.body.assistance).toMatchObject({ baseFen: 2839000, paidFen: 500000 });
    expect(usage.body.reAssistance).toMatchObject({ baseFen: 2339000, paidFen: 1287300 });

    // The money: the assistance fund owes the person 1787300.
    const owed = await t
      .get(`/ledger/postings?account=payable:person:${personId}`, 'finance')
      .expect(200);
    expect(owed.body.postings).toEqual([
      expect.objectContaining({
        eventType: 'PersonYearReadjudicated',
        creditFen: 1787300,
        debitFen: 0,
      }),
    ]);

    // History and trace show it.
    const history = await t.get(`/persons/${personId}/history`, 'auditor').expect(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toContain(
      'PersonYearReadjudicated',
    );
    const trace = await t.get(`/ledger/trace/${c2}`, 'auditor').expect(200);
    expect(trace.body.events.map((e: { type: string }) => e.type)).toEqual([
      'ClaimSettled',
      'InvoiceRegistered',
      'PersonYearReadjudicated',
    ]);
    expect(trace.body.events[2].postings).toEqual([
      { account: 'fund:assistance:370800', debitFen: 1787300, creditFen: 0 },
      { account: `payable:person:${personId}`, debitFen: 0, creditFen: 1787300 },
    ]);

    // A later claim settles against the re-settled sums. Claim 3, grassroots, admitted
    // 2023-07-03, total 1000000, policy range 800000: basic (800000 - 20000) x 85% = 663000;
    // B1 137000; critical illness base 4984500, F = 3484500 x 60% = 2090700, pays 82200; B2 54800;
    // assistance at its cap: 0; re-assistance base 2393800, F = 1893800 x 70% = 1325660, pays
    // 1325660 - 1287300 = 38360; person 200000 + 54800 - 38360 = 216440.
    const claim3 = await t
      .post(
        '/claims',
        inpatient(personId, {
          institutionId: 'H-RA-G',
          institutionLevel: 'grassroots',
          admissionDate: '2023-07-03',
          dischargeDate: '2023-07-05',
          totalCostFen: 1000000,
          policyCostFen: 800000,
        }),
        'institution',
      )
      .expect(201);
    expect(claim3.body.breakdown).toEqual({
      basicFen: 663000,
      criticalIllnessFen: 82200,
      assistanceFen: 0,
      reAssistanceFen: 38360,
      personalFen: 216440,
    });
    const c3 = claim3.body.claimId as string;

    // The status is revoked from 2023-05-01 (category none), then 2023 re-adjudicated:
    // claim 1 (admitted 2023-03-01) keeps its assistance; claim 2 loses its re-assistance 220500
    // (person 1315000 again); claim 3 loses its 38360 (person 200000 + 54800 = 254800).
    // Recovered from the person: 220500 + 38360 = 258860 (receivable:person -> assistance fund).
    const revoked = await t
      .post(
        `/persons/${personId}/assistance-status`,
        { category: 'none', effectiveFrom: '2023-05-01' },
        'clerk',
      )
      .expect(201);
    expect(revoked.body.readjudicationNeeded).toEqual([2023]);
    const recovered = await t
      .post(
        `/persons/${personId}/readjudication`,
        { coverageYear: 2023, reason: 'status revoked from 2023-05-01' },
        'investigator',
      )
      .expect(201);
    expect(recovered.body).toMatchObject({
      claims: [
        { claimId: c1, after: { assistanceFen: 500000, reAssistanceFen: 1066800 } },
        {
          claimId: c2,
          before: { reAssistanceFen: 220500, personalFen: 1094500 },
          after: { reAssistanceFen: 0, personalFen: 1315000 },
        },
        {
          claimId: c3,
          before: { reAssistanceFen: 38360, personalFen: 216440 },
          after: { reAssistanceFen: 0, personalFen: 254800 },
        },
      ],
      differenceFen: {
        basicFen: 0,
        criticalIllnessFen: 0,
        assistanceFen: 0,
        reAssistanceFen: -258860,
      },
      owedToPersonFen: 0,
      owedByPersonFen: 258860,
    });
    const receivable = await t
      .get(`/ledger/postings?account=receivable:person:${personId}`, 'finance')
      .expect(200);
    expect(receivable.body.postings).toEqual([
      expect.objectContaining({ debitFen: 258860, creditFen: 0 }),
    ]);
    const after = await t.get(`/persons/${personId}/usage?year=2023`, 'auditor').expect(200);
    // re-assistance base: 2024000 (claim 1 only); paid 1066800
    expect(after.body.reAssistance).toMatchObject({ baseFen: 2024000, paidFen: 1066800 });
  });

  it('poverty-risk takes not-eligible; a fraud alert refuses the poverty-risk outcomes; a status change to none grants nothing', async () => {
    await registerInstitutions(t, { institutionId: 'H-RA-T', level: 'tertiary' });
    const personId = await coveredPerson(t);
    // 12000000 / 10000000 tertiary, no category: person 4524000 > 2000000 (poverty-risk)
    await t
      .post('/claims', inpatient(personId, { institutionId: 'H-RA-T' }), 'institution')
      .expect(201);
    // readmitted to the same hospital 5 days after discharge (2023-03-20): split-admission
    await t
      .post(
        '/claims',
        inpatient(personId, {
          institutionId: 'H-RA-T',
          admissionDate: '2023-03-25',
          dischargeDate: '2023-03-28',
          totalCostFen: 100000,
          policyCostFen: 100000,
        }),
        'institution',
      )
      .expect(201);
    const alerts = (await t.get(`/alerts?personId=${personId}`, 'investigator').expect(200)).body
      .alerts as Array<{ alertId: string; rule: string }>;
    const poverty = alerts.find((a) => a.rule === 'poverty-risk')!;
    const split = alerts.find((a) => a.rule === 'split-admission')!;
    const refused = await t
      .post(
        `/alerts/${split.alertId}/resolution`,
        { outcome: 'not-eligible', note: 'n' },
        'investigator',
      )
      .expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'outcome' })]);
    // a change to `none` is no grant
    const ended = await t
      .post(
        `/persons/${personId}/assistance-status`,
        { category: 'none', effectiveFrom: '2023-01-01' },
        'clerk',
      )
      .expect(201);
    expect(ended.body.readjudicationNeeded).toEqual([]); // nothing settled changes category
    const noGrant = await t
      .post(
        `/alerts/${poverty.alertId}/resolution`,
        { outcome: 'assistance-granted', note: 'n', statusPosition: ended.body.position },
        'investigator',
      )
      .expect(400);
    expect(noGrant.body.errors).toEqual([expect.objectContaining({ field: 'statusPosition' })]);
    await t
      .post(
        `/alerts/${poverty.alertId}/resolution`,
        { outcome: 'not-eligible', note: '家庭收入超过标准' },
        'investigator',
      )
      .expect(201);
    const after = (
      await t.get(`/alerts?personId=${personId}&rule=poverty-risk`, 'investigator').expect(200)
    ).body.alerts;
    expect(after.map((a: { status: string }) => a.status)).toEqual(['not-eligible']);
    await t
      .post(
        `/alerts/${poverty.alertId}/resolution`,
        { outcome: 'not-eligible', note: 'again' },
        'investigator',
      )
      .expect(409);
  });

  it('refuses a bad year naming the field, an unknown person with 404, and a role without the right with 403', async () => {
    const personId = await coveredPerson(t);
    const bad = await t
      .post(`/persons/${personId}/readjudication`, { coverageYear: 'x', reason: 'r' }, 'clerk')
      .expect(400);
    expect(bad.body.errors.length).toBeGreaterThan(0);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      bad.body.errors.map(() => 'coverageYear'),
    );
    await t
      .post(
        '/persons/per_000000000000000000000000/readjudication',
        { coverageYear: 2023, reason: 'r' },
        'clerk',
      )
      .expect(404);
    await t
      .post(
        `/persons/${personId}/readjudication`,
        { coverageYear: 2023, reason: 'r' },
        'institution',
      )
      .expect(403);
    // nothing settled: nothing to change
    const nothing = await t
      .post(`/persons/${personId}/readjudication`, { coverageYear: 2023, reason: 'r' }, 'clerk')
      .expect(200);
    expect(nothing.body.claims).toEqual([]);
  });
});
