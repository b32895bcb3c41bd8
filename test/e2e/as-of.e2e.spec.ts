import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { coveredPerson, inpatient } from '../support/claims.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { registerInstitutions } from '../support/institutions.js';

// asOf / asOfPosition are honoured on every read that can answer as of a point, and refused with
// 400 as-of-not-supported everywhere else, never ignored (API.md 1.1, issue 11 finding 9).

describe('point-in-time reads', () => {
  let t: TestApp;
  let personId: string;
  let claimId: string;
  let alertId: string;
  /** the log head before the claim, before the death and before the reversal and resolution */
  const at = { beforeClaim: 0, beforeDeath: 0, beforeReversal: 0 };

  /** The instant the event at this position was recorded, to the microsecond. */
  async function instantOf(position: number): Promise<string> {
    const { rows } = await t.db.query(
      `SELECT to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at FROM events WHERE position = $1`,
      [position],
    );
    return rows[0].at as string;
  }

  beforeAll(async () => {
    t = await startTestApp();
    await registerInstitutions(t, { institutionId: 'H370800001', level: 'tertiary' });
    await t
      .post(
        '/assistance-funds/370800/appropriations',
        { amountFen: 500000000, source: 'fiscal', receivedOn: '2023-01-05', reference: 'CZ-ASOF' },
        'clerk',
      )
      .expect(201);
    personId = await coveredPerson(t, 'minimum-living-allowance');
    at.beforeClaim = await t.eventCount();
    const claim = await t.post('/claims', inpatient(personId), 'institution').expect(201);
    claimId = claim.body.claimId as string;
    const refused = await t
      .post(
        '/enrollments',
        {
          personId,
          regionCode: '370800',
          coverageYear: 2023,
          category: 'adult',
          channel: 'centralized',
          enrolledOn: '2022-11-20',
        },
        'clerk',
      )
      .expect(409);
    expect(refused.body.code).toBe('duplicate-enrollment');
    alertId = (
      await t
        .get(`/alerts?personId=${personId}&rule=duplicate-enrollment`, 'investigator')
        .expect(200)
    ).body.alerts[0].alertId as string;
    at.beforeDeath = await t.eventCount();
    await t.post(`/persons/${personId}/death`, { dateOfDeath: '2023-08-01' }, 'clerk').expect(201);
    at.beforeReversal = await t.eventCount();
    await t.post(`/claims/${claimId}/reversal`, { reason: '追回' }, 'investigator').expect(201);
    await t
      .post(
        `/alerts/${alertId}/resolution`,
        { outcome: 'confirmed', note: '重复参保属实' },
        'investigator',
      )
      .expect(201);
  });
  afterAll(async () => t.close());

  it('answers a person as of an instant before it was recorded with 404, and before the death without it', async () => {
    expect(
      (await t.get(`/persons/${personId}?asOf=2000-01-01T00:00:00Z`, 'investigator').expect(404))
        .body.code,
    ).toBe('not-found');
    const before = await t
      .get(`/persons/${personId}?asOf=${await instantOf(at.beforeDeath)}`, 'investigator')
      .expect(200);
    expect(before.body.dateOfDeath).toBeNull();
    expect(
      (
        await t
          .get(`/persons/${personId}?asOfPosition=${at.beforeDeath}`, 'investigator')
          .expect(200)
      ).body.dateOfDeath,
    ).toBeNull();
    expect((await t.get(`/persons/${personId}`, 'investigator').expect(200)).body.dateOfDeath).toBe(
      '2023-08-01',
    );
  });

  it('answers usage and a claim as of before the claim and before its reversal', async () => {
    const now = await t.get(`/persons/${personId}/usage?year=2023`, 'auditor').expect(200);
    expect(now.body.inpatientBasicFen).toBe(0); // reversed
    const settled = await t
      .get(
        `/persons/${personId}/usage?year=2023&asOf=${await instantOf(at.beforeReversal)}`,
        'auditor',
      )
      .expect(200);
    expect(settled.body.inpatientBasicFen).toBeGreaterThan(0);
    expect(
      (
        await t
          .get(`/persons/${personId}/usage?year=2023&asOfPosition=${at.beforeClaim}`, 'auditor')
          .expect(200)
      ).body.inpatientBasicFen,
    ).toBe(0);
    expect(
      (
        await t
          .get(`/claims/${claimId}?asOf=${await instantOf(at.beforeReversal)}`, 'auditor')
          .expect(200)
      ).body.status,
    ).toBe('settled');
    expect((await t.get(`/claims/${claimId}`, 'auditor').expect(200)).body.status).toBe('reversed');
    await t.get(`/claims/${claimId}?asOfPosition=${at.beforeClaim}`, 'auditor').expect(404);
  });

  it('answers funds, postings, trace, budget and statements as of a point', async () => {
    const assistance = async (query: string) =>
      (await t.get(`/funds?regionCode=370800${query}`, 'finance').expect(200)).body.funds.find(
        (f: { kind: string }) => f.kind === 'assistance',
      );
    expect(await assistance('&asOf=2000-01-01T00:00:00Z')).toBeUndefined();
    const beforeClaim = await assistance(`&asOf=${await instantOf(at.beforeClaim)}`);
    const afterClaim = await assistance(`&asOfPosition=${at.beforeDeath}`);
    expect(afterClaim.debitsFen).toBeGreaterThan(beforeClaim.debitsFen);
    expect((await assistance('')).balanceFen).toBe(beforeClaim.balanceFen); // the reversal returned it all

    const postings = await t
      .get(`/ledger/postings?limit=1000&asOfPosition=${at.beforeClaim}`, 'finance')
      .expect(200);
    expect(postings.body.postings.length).toBeGreaterThan(0);
    expect(
      postings.body.postings.every((p: { position: number }) => p.position <= at.beforeClaim),
    ).toBe(true);
    expect(
      (await t.get(`/ledger/postings?limit=1000&asOf=2000-01-01T00:00:00Z`, 'finance').expect(200))
        .body.postings,
    ).toEqual([]);

    const trace = await t
      .get(`/ledger/trace/${claimId}?asOfPosition=${at.beforeReversal}`, 'auditor')
      .expect(200);
    expect(trace.body.events.map((e: { type: string }) => e.type)).toEqual([
      'ClaimSettled',
      'InvoiceRegistered',
    ]);
    await t.get(`/ledger/trace/${claimId}?asOfPosition=${at.beforeClaim}`, 'auditor').expect(404);

    const budget = (query: string) =>
      t
        .get(`/budget?regionCode=370800&year=2023&asOfDate=2023-12-31${query}`, 'finance')
        .expect(200);
    const expense = (body: { funds: Array<{ kind: string; expenseToDateFen: number }> }) =>
      body.funds.find((f) => f.kind === 'assistance')!.expenseToDateFen;
    expect(expense((await budget(`&asOfPosition=${at.beforeClaim}`)).body)).toBe(0);
    expect(expense((await budget(`&asOfPosition=${at.beforeDeath}`)).body)).toBeGreaterThan(0);

    const statements = (query: string) =>
      t.get(`/funds/statements?regionCode=370800&year=2023${query}`, 'finance').expect(200);
    const march = (body: {
      funds: Array<{ kind: string; months: Array<Record<string, unknown>> }>;
    }) => JSON.stringify(body.funds.find((f) => f.kind === 'assistance')!.months[2]);
    expect(march((await statements(`&asOfPosition=${at.beforeClaim}`)).body)).not.toEqual(
      march((await statements(`&asOfPosition=${at.beforeDeath}`)).body),
    );
  });

  it('answers alerts as they stood: open before the resolution, absent before they were raised', async () => {
    const list = async (query: string) =>
      (await t.get(`/alerts?personId=${personId}${query}`, 'investigator').expect(200)).body
        .alerts as Array<{ alertId: string; status: string; history: unknown[] }>;
    expect((await list('')).find((a) => a.alertId === alertId)!.status).toBe('confirmed');
    const before = (await list(`&asOfPosition=${at.beforeReversal}`)).find(
      (a) => a.alertId === alertId,
    )!;
    expect(before.status).toBe('open');
    expect(before.history).toHaveLength(1);
    expect(
      (await list(`&status=open&asOfPosition=${at.beforeReversal}`)).map((a) => a.alertId),
    ).toContain(alertId);
    expect((await list(`&asOfPosition=${at.beforeClaim}`)).map((a) => a.alertId)).not.toContain(
      alertId,
    );
  });

  it('refuses a malformed asOf or asOfPosition with 400 validation-failed naming it, changing nothing', async () => {
    for (const [query, field] of [
      ['asOf=abc', 'asOf'],
      ['asOf=2023-02-30T00:00:00Z', 'asOf'],
      ['asOf=2023-06-01T24:00:00Z', 'asOf'],
      ['asOf=2023-06-01', 'asOf'],
      ['asOf=a&asOf=b', 'asOf'],
      ['asOfPosition=-1', 'asOfPosition'],
      ['asOfPosition=1.5', 'asOfPosition'],
      ['asOfPosition=9999999999999999', 'asOfPosition'],
    ]) {
      const res = await t.get(`/persons/${personId}?${query}`, 'investigator').expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('validation-failed');
      expect(res.body.errors[0].field).toBe(field);
    }
  });

  it('refuses asOf on a read that cannot answer as of a point, and on writes, with 400 as-of-not-supported', async () => {
    expect((await t.get('/ledger/verify?asOfPosition=3', 'auditor').expect(400)).body.code).toBe(
      'as-of-not-supported',
    );
    expect((await t.get('/ledger/verify?asOf=abc', 'auditor').expect(400)).body.code).toBe(
      'as-of-not-supported',
    );
    expect(
      (await request(t.baseUrl).get('/health?asOf=2023-01-01T00:00:00Z').expect(400)).body.code,
    ).toBe('as-of-not-supported');
    const before = await t.eventCount();
    const write = await t
      .post(
        '/assistance-funds/370800/appropriations?asOfPosition=1',
        { amountFen: 1, source: 'fiscal', receivedOn: '2023-01-05', reference: 'CZ-ASOF-2' },
        'clerk',
      )
      .expect(400);
    expect(write.body.code).toBe('as-of-not-supported');
    expect(await t.eventCount()).toBe(before);
  });
});
