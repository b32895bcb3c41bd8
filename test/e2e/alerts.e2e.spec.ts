import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { coveredPerson, inpatient } from '../support/claims.js';
import { registerPerson } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { institutionsAtEachLevel, registerInstitutions } from '../support/institutions.js';
import { enrollFor2023 } from '../support/enrollments.js';

/** every claim here is tertiary (claims.ts), except H77's second, after its level change */
const ALERT_INSTITUTIONS = ['H1', 'H2', 'H9', 'H77'].map((institutionId) => ({
  institutionId,
  level: 'tertiary' as const,
}));

describe('alerts for investigators over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await registerInstitutions(t, ...institutionsAtEachLevel, ...ALERT_INSTITUTIONS);
  });
  afterAll(async () => t.close());

  it('raises split-admission and overlapping-stays from settled claims, lists them with evidence, resolves once, and allows the clawback', async () => {
    const personId = await coveredPerson(t);
    const first = await t
      .post(
        '/claims',
        inpatient(personId, {
          totalCostFen: 500000,
          policyCostFen: 400000,
          institutionId: 'H1',
          admissionDate: '2023-03-01',
          dischargeDate: '2023-03-10',
        }),
        'institution',
      )
      .expect(201);
    expect(first.body.alerts).toEqual([]);
    // readmitted to H1 10 days after discharge: 分解住院
    const second = await t
      .post(
        '/claims',
        inpatient(personId, {
          totalCostFen: 500000,
          policyCostFen: 400000,
          institutionId: 'H1',
          admissionDate: '2023-03-20',
          dischargeDate: '2023-03-28',
        }),
        'institution',
      )
      .expect(201);
    expect(second.body.alerts).toEqual(['split-admission']);
    // a stay at H2 while in H1: 假病人
    const third = await t
      .post(
        '/claims',
        inpatient(personId, {
          totalCostFen: 500000,
          policyCostFen: 400000,
          institutionId: 'H2',
          admissionDate: '2023-03-25',
          dischargeDate: '2023-03-27',
        }),
        'institution',
      )
      .expect(201);
    expect(third.body.alerts).toEqual(['overlapping-stays']);
    // another person readmitted to H1 16 days after discharge: no alert (a fourth admission of the
    // first person within 90 days would rightly raise frequent-admissions)
    const other = await coveredPerson(t);
    await t
      .post(
        '/claims',
        inpatient(other, {
          totalCostFen: 500000,
          policyCostFen: 400000,
          institutionId: 'H1',
          admissionDate: '2023-03-01',
          dischargeDate: '2023-03-10',
        }),
        'institution',
      )
      .expect(201);
    const near = await t
      .post(
        '/claims',
        inpatient(other, {
          totalCostFen: 500000,
          policyCostFen: 400000,
          institutionId: 'H1',
          admissionDate: '2023-03-26',
          dischargeDate: '2023-03-28',
        }),
        'institution',
      )
      .expect(201);
    expect(near.body.alerts).toEqual([]);

    const listed = await t.get(`/alerts?personId=${personId}`, 'investigator').expect(200);
    expect(listed.body.alerts.map((a: { rule: string }) => a.rule).sort()).toEqual([
      'overlapping-stays',
      'split-admission',
    ]);
    const split = listed.body.alerts.find((a: { rule: string }) => a.rule === 'split-admission');
    expect(split).toMatchObject({
      status: 'open',
      personId,
      institutionId: 'H1',
      claimId: second.body.claimId,
    });
    const evidence = await t.db.query(
      "SELECT event_id::text, data->>'claimId' AS claim_id FROM events WHERE event_id = ANY($1::uuid[]) ORDER BY position",
      [split.evidence],
    );
    expect(evidence.rows.map((r) => r.claim_id)).toEqual([first.body.claimId, second.body.claimId]);

    await t
      .post(`/alerts/${split.alertId}/resolution`, { outcome: 'confirmed', note: 'x' }, 'auditor')
      .expect(403);
    const resolved = await t
      .post(
        `/alerts/${split.alertId}/resolution`,
        { outcome: 'confirmed', note: '同一医院15日内再入院，分解住院属实' },
        'investigator',
      )
      .expect(201);
    expect(resolved.body).toMatchObject({ alertId: split.alertId, status: 'confirmed' });
    expect(
      (
        await t
          .post(
            `/alerts/${split.alertId}/resolution`,
            { outcome: 'dismissed', note: 'again' },
            'investigator',
          )
          .expect(409)
      ).body.code,
    ).toBe('already-resolved');
    expect(
      (await t.get('/alerts?status=confirmed', 'investigator').expect(200)).body.alerts.map(
        (a: { alertId: string }) => a.alertId,
      ),
    ).toEqual([split.alertId]);
    const clawback = await t
      .post(
        `/claims/${second.body.claimId}/reversal`,
        { reason: `追回: alert ${split.alertId} confirmed` },
        'investigator',
      )
      .expect(201);
    const after = (
      await t.get(`/alerts?rule=split-admission&personId=${personId}`, 'investigator').expect(200)
    ).body.alerts[0];
    expect(after.history).toEqual([
      { event: 'raised', position: second.body.position - 1 },
      {
        event: 'confirmed',
        position: resolved.body.position,
        note: '同一医院15日内再入院，分解住院属实',
      },
      { event: 'claim-reversed', position: clawback.body.position, claimId: second.body.claimId },
    ]);
    const trace = await t.get(`/ledger/trace/${second.body.claimId}`, 'auditor').expect(200);
    expect(trace.body.events.map((e: { type: string }) => e.type)).toEqual([
      'ClaimSettled',
      'InvoiceRegistered',
      'ClaimReversed',
    ]);
    await t
      .post(
        '/alerts/alr_000000000000000000000000/resolution',
        { outcome: 'dismissed', note: 'x' },
        'investigator',
      )
      .expect(404);
    expect(
      (await t.get('/alerts?rule=nonsense', 'investigator').expect(400)).body.errors[0].field,
    ).toBe('rule');
  });

  it('records the refusals that are fraud signals and raises claim-after-death, duplicate-enrollment and duplicate-invoice with their evidence', async () => {
    const dead = await coveredPerson(t);
    const death = await t
      .post(`/persons/${dead}/death`, { dateOfDeath: '2023-05-01' }, 'clerk')
      .expect(201);
    // near miss: a claim on the date of death is covered and raises nothing
    await t
      .post(
        '/claims',
        inpatient(dead, {
          admissionDate: '2023-05-01',
          dischargeDate: '2023-05-01',
          totalCostFen: 100000,
          policyCostFen: 80000,
        }),
        'institution',
      )
      .expect(201);
    expect(
      (await t.get(`/alerts?personId=${dead}`, 'investigator').expect(200)).body.alerts,
    ).toEqual([]);
    await t
      .post(
        '/claims',
        inpatient(dead, { admissionDate: '2023-05-02', dischargeDate: '2023-05-03' }),
        'institution',
      )
      .expect(422);
    const afterDeath = (
      await t.get(`/alerts?personId=${dead}&rule=claim-after-death`, 'investigator').expect(200)
    ).body.alerts;
    expect(afterDeath).toHaveLength(1);
    const deathEvent = await t.db.query('SELECT event_id::text FROM events WHERE position = $1', [
      death.body.position,
    ]);
    expect(afterDeath[0].evidence[0]).toBe(deathEvent.rows[0].event_id);
    expect(afterDeath[0].evidence).toHaveLength(2);

    const twice = await registerPerson(t);
    const first = await enrollFor2023(t, twice);
    // near miss: the next coverage year is no duplicate (no policy for 370800-2024, refused for that, not alerted)
    await t
      .post(
        '/enrollments',
        {
          personId: twice,
          regionCode: '370800',
          coverageYear: 2024,
          category: 'adult',
          channel: 'centralized',
          enrolledOn: '2023-11-16',
        },
        'clerk',
      )
      .expect(422);
    expect(
      (await t.get(`/alerts?personId=${twice}`, 'investigator').expect(200)).body.alerts,
    ).toEqual([]);
    await t
      .post(
        '/enrollments',
        {
          personId: twice,
          regionCode: '370100',
          coverageYear: 2023,
          category: 'adult',
          channel: 'centralized',
          enrolledOn: '2022-11-16',
        },
        'clerk',
      )
      .expect(409);
    const duplicate = (await t.get(`/alerts?personId=${twice}`, 'investigator').expect(200)).body
      .alerts;
    expect(duplicate.map((a: { rule: string }) => a.rule)).toEqual(['duplicate-enrollment']);
    const firstEvent = await t.db.query(
      "SELECT event_id::text FROM events WHERE type = 'EnrollmentRegistered' AND data->>'enrollmentId' = $1",
      [first.body.enrollmentId],
    );
    expect(duplicate[0].evidence[0]).toBe(firstEvent.rows[0].event_id);

    const payer = await coveredPerson(t);
    const claim = inpatient(payer, {
      totalCostFen: 500000,
      policyCostFen: 400000,
      institutionId: 'H9',
    });
    const settled = await t.post('/claims', claim, 'institution').expect(201);
    await t.post('/claims', { ...claim, totalCostFen: 900000 }, 'institution').expect(409);
    const invoice = (
      await t.get('/alerts?rule=duplicate-invoice&institutionId=H9', 'investigator').expect(200)
    ).body.alerts;
    expect(invoice).toHaveLength(1);
    expect(invoice[0]).toMatchObject({
      personId: payer,
      claimId: settled.body.claimId,
      status: 'open',
    });
  });
});

describe('institution history for investigators over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await registerInstitutions(t, ...institutionsAtEachLevel, ...ALERT_INSTITUTIONS);
  });
  afterAll(async () => t.close());

  it("shows an institution's claims, tier totals and alerts as they stood at a position", async () => {
    const a = await coveredPerson(t, 'minimum-living-allowance');
    // H77 is tertiary until its level changes to grassroots on 2023-03-25 (registry, API.md 1.1)
    await t
      .post('/institutions/H77/level', { level: 'grassroots', effectiveFrom: '2023-03-25' })
      .expect(201);
    const first = await t
      .post('/claims', inpatient(a, { institutionId: 'H77' }), 'institution')
      .expect(201);
    const second = await t
      .post(
        '/claims',
        inpatient(a, {
          institutionId: 'H77',
          institutionLevel: 'grassroots',
          admissionDate: '2023-03-25',
          dischargeDate: '2023-03-30',
          totalCostFen: 800000,
          policyCostFen: 700000,
        }),
        'institution',
      )
      .expect(201);
    expect(second.body.alerts).toEqual(['split-admission']);
    await t
      .post(`/claims/${first.body.claimId}/reversal`, { reason: '追回' }, 'investigator')
      .expect(201);

    const now = await t.get('/institutions/H77/history', 'investigator').expect(200);
    expect(now.body.claims.map((c: { status: string }) => c.status)).toEqual([
      'reversed',
      'settled',
    ]);
    expect(now.body.totals).toMatchObject({ claims: 1, totalCostFen: 800000 });
    expect(now.body.alerts.map((x: { rule: string }) => x.rule)).toEqual(['split-admission']);

    const then = await t
      .get(`/institutions/H77/history?asOfPosition=${first.body.position}`, 'investigator')
      .expect(200);
    // the worked example's first claim alone: basic 5940000, CI 2151500, assistance 1000000, re-assistance 285950
    expect(then.body.claims.map((c: { status: string }) => c.status)).toEqual(['settled']);
    expect(then.body.totals).toEqual({
      claims: 1,
      totalCostFen: 12000000,
      basicFen: 5940000,
      criticalIllnessFen: 2151500,
      assistanceFen: 1000000,
      reAssistanceFen: 285950,
      personalFen: 2622550,
    });
    expect(then.body.alerts).toEqual([]);
    await t.get('/institutions/NOPE/history', 'investigator').expect(404);
    expect(
      (await t.get('/institutions/H77/history?asOf=soon', 'investigator').expect(400)).body
        .errors[0].field,
    ).toBe('asOf');
  });
});
