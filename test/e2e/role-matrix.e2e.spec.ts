import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { openApiDocument } from '../../src/app.factory.js';
import { coveredPerson, inpatient } from '../support/claims.js';
import { startTestApp, testKeys, type TestApp, type TestRole } from '../support/test-app.js';
import { registerInstitutions } from '../support/institutions.js';

// API.md's role table, endpoint by endpoint: clerk (persons, enrollments, payments, refunds,
// appropriations, relief grants), institution (claims), auditor (every read), investigator (every
// read, alert resolutions, claim reversals), finance (funds, budget, postings), admin (all).
// No key: 401; a role the endpoint does not allow: 403; otherwise past the guard (reads 200 on
// real ids, writes 400 on an empty body, so the matrix records nothing).
// Institution keys scoped to H001 (API.md 1.1) have the institution role's routes, and read and
// submit only H001's claims.

const scopedKey = 'scoped-h001-key-0123456789';
type Caller = TestRole | 'institution-scoped';
const callers: readonly Caller[] = [
  'clerk',
  'institution',
  'institution-scoped',
  'auditor',
  'investigator',
  'finance',
  'admin',
];
const keyOf = (caller: Caller) => (caller === 'institution-scoped' ? scopedKey : testKeys[caller]);
const roleOf = (caller: Caller): TestRole =>
  caller === 'institution-scoped' ? 'institution' : caller;

const readers: readonly TestRole[] = ['auditor', 'investigator'];
const everyRole: readonly TestRole[] = [
  'clerk',
  'institution',
  'auditor',
  'investigator',
  'finance',
];
interface Row {
  readonly method: 'GET' | 'POST';
  /** the path as the OpenAPI document names it */
  readonly route: string;
  readonly allowed: readonly TestRole[];
}
const matrix: readonly Row[] = [
  { method: 'POST', route: '/persons', allowed: ['clerk'] },
  { method: 'POST', route: '/persons/{personId}/assistance-status', allowed: ['clerk'] },
  { method: 'POST', route: '/persons/{personId}/death', allowed: ['clerk'] },
  { method: 'POST', route: '/persons/{personId}/erasure', allowed: [] },
  { method: 'POST', route: '/enrollments', allowed: ['clerk'] },
  { method: 'POST', route: '/enrollments/{enrollmentId}/payments', allowed: ['clerk'] },
  { method: 'POST', route: '/enrollments/{enrollmentId}/refund', allowed: ['clerk'] },
  { method: 'POST', route: '/assistance-funds/{regionCode}/appropriations', allowed: ['clerk'] },
  { method: 'POST', route: '/relief-grants', allowed: ['clerk'] },
  {
    method: 'POST',
    route: '/persons/{personId}/readjudication',
    allowed: ['clerk', 'investigator'],
  },
  { method: 'POST', route: '/claims', allowed: ['institution'] },
  { method: 'POST', route: '/claims/{claimId}/reversal', allowed: ['investigator'] },
  {
    method: 'POST',
    route: '/claims/{claimId}/correction',
    allowed: ['institution', 'investigator'],
  },
  { method: 'POST', route: '/institution-settlements', allowed: ['finance'] },
  {
    method: 'POST',
    route: '/institution-settlements/{settlementId}/payment',
    allowed: ['finance'],
  },
  { method: 'GET', route: '/institution-settlements', allowed: ['finance', ...readers] },
  { method: 'POST', route: '/alerts/{alertId}/resolution', allowed: ['investigator'] },
  { method: 'GET', route: '/persons/{personId}', allowed: ['clerk', ...readers] },
  { method: 'GET', route: '/persons/{personId}/history', allowed: readers },
  { method: 'GET', route: '/persons/{personId}/usage', allowed: ['institution', ...readers] },
  { method: 'GET', route: '/claims/{claimId}', allowed: ['institution', ...readers] },
  { method: 'GET', route: '/funds', allowed: ['finance', ...readers] },
  { method: 'GET', route: '/funds/statements', allowed: ['finance', ...readers] },
  { method: 'GET', route: '/budget', allowed: ['finance', ...readers] },
  { method: 'GET', route: '/ledger/postings', allowed: ['finance', ...readers] },
  { method: 'GET', route: '/ledger/verify', allowed: ['finance', ...readers] },
  { method: 'GET', route: '/ledger/trace/{id}', allowed: readers },
  { method: 'GET', route: '/alerts', allowed: readers },
  { method: 'GET', route: '/institutions/{institutionId}/history', allowed: readers },
  { method: 'POST', route: '/institutions', allowed: ['clerk'] },
  { method: 'POST', route: '/institutions/{institutionId}/level', allowed: ['clerk'] },
  { method: 'POST', route: '/institutions/{institutionId}/suspension', allowed: ['clerk'] },
  {
    method: 'GET',
    route: '/institutions/{institutionId}',
    allowed: ['institution', 'finance', 'clerk', ...readers],
  },
  { method: 'GET', route: '/policies', allowed: ['finance', ...readers] },
  { method: 'GET', route: '/policies/{policyId}', allowed: ['finance', ...readers] },
  { method: 'POST', route: '/reconciliations/institution', allowed: ['finance', 'auditor'] },
  { method: 'POST', route: '/reconciliations/collections', allowed: ['finance', 'auditor'] },
  { method: 'POST', route: '/reconciliations/assistance-fund', allowed: ['finance', 'auditor'] },
  { method: 'GET', route: '/reconciliations', allowed: ['finance', 'auditor'] },
  { method: 'GET', route: '/access-log', allowed: ['investigator'] },
  { method: 'POST', route: '/policy-simulations', allowed: ['finance', 'auditor'] },
  // issue 14: hashes and signatures for every role; a receipt carries the event (readers); finance seals
  { method: 'GET', route: '/ledger/checkpoint', allowed: everyRole },
  { method: 'GET', route: '/ledger/checkpoints', allowed: everyRole },
  { method: 'POST', route: '/ledger/checkpoints', allowed: ['finance'] },
  { method: 'GET', route: '/ledger/public-key', allowed: everyRole },
  { method: 'GET', route: '/ledger/proofs/inclusion', allowed: everyRole },
  { method: 'GET', route: '/ledger/proofs/consistency', allowed: everyRole },
  { method: 'GET', route: '/ledger/receipts/{eventId}', allowed: readers },
  { method: 'POST', route: '/ledger/periods/{year}/close', allowed: ['finance'] },
];

describe('the role matrix of API.md, every endpoint x every role, scoped and unscoped keys', () => {
  let t: TestApp;
  let url: (row: Row) => string;
  beforeAll(async () => {
    t = await startTestApp({
      apiKeys: { [scopedKey]: { roles: ['institution'], institutions: ['H001'] } },
    });
    await registerInstitutions(
      t,
      { institutionId: 'H001', level: 'tertiary' },
      { institutionId: 'H002', level: 'tertiary' },
    );
    await t
      .post(
        '/assistance-funds/370800/appropriations',
        { amountFen: 100000000, source: 'fiscal', receivedOn: '2023-01-05', reference: 'RM-1' },
        'clerk',
      )
      .expect(201);
    const personId = await coveredPerson(t, 'minimum-living-allowance');
    const enrollmentId = (await t.get(`/persons/${personId}`, 'clerk').expect(200)).body
      .enrollments[0].enrollmentId as string;
    const claimId = (
      await t
        .post('/claims', inpatient(personId, { institutionId: 'H001' }), 'institution')
        .expect(201)
    ).body.claimId as string;
    const ids: Record<string, string> = {
      personId,
      enrollmentId,
      claimId,
      id: claimId,
      regionCode: '370800',
      alertId: 'alr_000000000000000000000000',
      institutionId: 'H001',
      policyId: '370800-2023',
      settlementId: 'ist-H001-2023-01',
      eventId: (
        await t.db.query<{ id: string }>(
          'SELECT event_id::text AS id FROM events WHERE position = 1',
        )
      ).rows[0]!.id,
      // no year: the close is refused 400 (the matrix records nothing)
      year: 'year',
    };
    const queries: Record<string, string> = {
      '/persons/{personId}/usage': '?year=2023',
      '/funds/statements': '?regionCode=370800&year=2023',
      '/budget': '?regionCode=370800&year=2023&asOfDate=2023-06-30',
      '/ledger/proofs/inclusion': '?position=1&treeSize=1',
      '/ledger/proofs/consistency': '?from=1&to=1',
    };
    url = (row) =>
      `/api/v1${row.route.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!)}${queries[row.route] ?? ''}`;
  });
  afterAll(async () => t.close());

  const call = (row: Row, headers: Record<string, string>) => {
    const r =
      row.method === 'GET'
        ? request(t.baseUrl).get(url(row))
        : request(t.baseUrl).post(url(row)).send({});
    return Object.entries(headers).reduce((req, [k, v]) => req.set(k, v), r);
  };

  it('covers every route the service serves, and no other', () => {
    const served = Object.entries(openApiDocument(t.app).paths)
      .flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/^\/api\/v1/, '')}`),
      )
      // the two routes that need no key (an operator's probe and scraper): e2e/metrics.e2e.spec.ts
      .filter((r) => r !== 'GET /health' && r !== 'GET /metrics')
      .sort();
    expect(served).toEqual(matrix.map((r) => `${r.method} ${r.route}`).sort());
  });

  it('answers 401 without a key, 403 to a role the table does not name, and lets the named roles past, recording nothing', async () => {
    const before = await t.eventCount();
    const seen: string[] = [];
    const expected: string[] = [];
    for (const row of matrix) {
      const noKey = await call(row, {});
      seen.push(`${row.method} ${row.route} none ${noKey.status}`);
      expected.push(`${row.method} ${row.route} none 401`);
      for (const caller of callers) {
        const res = await call(row, { Authorization: `Bearer ${keyOf(caller)}` });
        const allowed = roleOf(caller) === 'admin' || row.allowed.includes(roleOf(caller));
        seen.push(`${row.method} ${row.route} ${caller} ${res.status}`);
        expected.push(
          `${row.method} ${row.route} ${caller} ${!allowed ? 403 : row.method === 'GET' ? 200 : 400}`,
        );
        expect(res.headers['content-type']).toMatch(
          res.status === 200 && row.method === 'GET'
            ? /json|csv|sheet/
            : /application\/problem\+json/,
        );
      }
    }
    expect(seen).toEqual(expected);
    expect(await t.eventCount()).toBe(before);
  });

  it('lets a key scoped to H001 submit and read H001 claims only: another institution is 403 institution-scope to write, 404 to read', async () => {
    const personId = await coveredPerson(t);
    const scoped = (method: 'get' | 'post', path: string, body?: object) =>
      (method === 'get'
        ? request(t.baseUrl).get(`/api/v1${path}`)
        : request(t.baseUrl).post(`/api/v1${path}`).send(body)
      ).set('Authorization', `Bearer ${scopedKey}`);
    const before = await t.eventCount();
    const refused = await scoped(
      'post',
      '/claims',
      inpatient(personId, { institutionId: 'H002' }),
    ).expect(403);
    expect(refused.body).toMatchObject({
      code: 'institution-scope',
      errors: [{ field: 'institutionId' }],
    });
    expect(await t.eventCount()).toBe(before);
    const own = await scoped(
      'post',
      '/claims',
      inpatient(personId, {
        institutionId: 'H001',
        admissionDate: '2023-06-01',
        dischargeDate: '2023-06-05',
      }),
    ).expect(201);
    await scoped('get', `/claims/${own.body.claimId}`).expect(200);
    const other = await t
      .post(
        '/claims',
        inpatient(personId, {
          institutionId: 'H002',
          admissionDate: '2023-08-01',
          dischargeDate: '2023-08-05',
        }),
        'institution',
      )
      .expect(201);
    const hidden = await scoped('get', `/claims/${other.body.claimId}`).expect(404);
    const missing = await scoped('get', '/claims/clm_000000000000000000000000').expect(404);
    expect({ ...hidden.body, instance: undefined, detail: undefined }).toEqual({
      ...missing.body,
      instance: undefined,
      detail: undefined,
    });
    // the registry too: its own institution in full, another's as if it did not exist
    await scoped('get', '/institutions/H001').expect(200);
    const otherInstitution = await scoped('get', '/institutions/H002').expect(404);
    const noInstitution = await scoped('get', '/institutions/H999').expect(404);
    expect(otherInstitution.body.code).toBe(noInstitution.body.code);
    // the unscoped institution key still speaks for every institution
    await t.get(`/claims/${other.body.claimId}`, 'institution').expect(200);
    await t.get(`/claims/${own.body.claimId}`, 'institution').expect(200);
  });
});
