import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { coveredPerson, inpatient } from '../support/claims.js';
import { registerPerson, residentId } from '../support/people.js';
import { startTestApp, testKeys, type TestApp } from '../support/test-app.js';
import { registerInstitutions } from '../support/institutions.js';
import { enrollFor2023 } from '../support/enrollments.js';

// API.md 1.1 "Keys, scopes and identifiers": strings trimmed, non-empty, no control characters, at
// most 200 characters (ids 64); money at most 10^13 fen; dates from 1900-01-01 to today
// (Asia/Shanghai); bodies JSON of at most 1 MiB. Every refusal names the field and stores nothing.

type Problem = { code: string; errors?: Array<{ field: string }> };
const fieldsOf = (body: Problem) => (body.errors ?? []).map((e) => e.field);

describe('input discipline: hostile strings, bodies and impossible input are refused naming the field', () => {
  let t: TestApp;
  let person: string;
  let enrollmentId: string;
  beforeAll(async () => {
    t = await startTestApp();
    await registerInstitutions(t, { institutionId: 'H370800001', level: 'tertiary' });
    person = await coveredPerson(t);
    const other = await registerPerson(t);
    enrollmentId = (await enrollFor2023(t, other)).body.enrollmentId;
  });
  afterAll(async () => t.close());

  /** Posts, expects the status, the field named, and no event of any kind stored. */
  async function refused(
    path: string,
    body: unknown,
    field: string,
    status = 400,
    role: keyof typeof testKeys = 'admin',
  ) {
    const before = await t.eventCount();
    const res = await t.post(path, body, role).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(fieldsOf(res.body)).toContain(field);
    expect(await t.eventCount()).toBe(before);
    return res.body as Problem;
  }

  const personBody = (over: Record<string, unknown> = {}) => ({
    nationalId: residentId('1970-05-06'),
    name: '张三',
    birthDate: '1970-05-06',
    regionCode: '370800',
    ...over,
  });

  it('refuses a NUL character in any string field, path id and query value with 400 naming it (it gave 500)', async () => {
    await refused('/persons', personBody({ name: '张\u0000三' }), 'name');
    await refused('/persons', personBody({ nationalId: '\u0000' }), 'nationalId');
    await refused('/claims', inpatient(person, { invoiceNo: 'INV\u0000' }), 'invoiceNo');
    await refused('/claims', inpatient(person, { personId: `${person}\u0000` }), 'personId');
    await refused(
      '/relief-grants',
      { personId: person, onDate: '2023-05-01', burdenFen: 100, reference: 'R\u0000' },
      'reference',
    );
    await refused(
      '/assistance-funds/370800/appropriations',
      { amountFen: 1, source: 'fiscal', receivedOn: '2023-01-05', reference: '\u0000' },
      'reference',
    );
    await refused(
      `/enrollments/${enrollmentId}/payments`,
      { receiptNo: 'R\u0000', paidOn: '2022-12-01', amountFen: 38000 },
      'receiptNo',
    );
    await refused(`/persons/${person}%00/death`, { dateOfDeath: '2023-04-01' }, 'personId');
    expect(
      fieldsOf((await t.get('/alerts?personId=a%00b', 'investigator').expect(400)).body),
    ).toEqual(['personId']);
    expect(
      fieldsOf((await t.get('/ledger/postings?account=%00', 'finance').expect(400)).body),
    ).toEqual(['account']);
    expect(fieldsOf((await t.get(`/claims/a%00b`, 'auditor').expect(400)).body)).toEqual([
      'claimId',
    ]);
  });

  it('refuses lone surrogates and control characters (ESC, BEL, CR-LF) that names once stored', async () => {
    for (const name of ['张\u001b[31m三', '张\u0007三', '张\r\n三', '张\ud800三', 'a\u202eb'])
      await refused('/persons', personBody({ name }), 'name');
  });

  it('refuses whitespace-only names, references and invoice numbers, and stores trimmed text', async () => {
    await refused('/persons', personBody({ name: '   ' }), 'name');
    await refused('/claims', inpatient(person, { invoiceNo: ' \t ' }), 'invoiceNo');
    await refused(
      '/relief-grants',
      { personId: person, onDate: '2023-05-01', burdenFen: 100, reference: '  ' },
      'reference',
    );
    const id = (await t.post('/persons', personBody({ name: '  李四 ' }), 'clerk').expect(201)).body
      .personId;
    expect((await t.get(`/persons/${id}`, 'clerk').expect(200)).body.name).toBe('李四');
  });

  it('refuses strings over 200 characters and ids over 64', async () => {
    await refused(
      '/assistance-funds/370800/appropriations',
      { amountFen: 1, source: 'fiscal', receivedOn: '2023-01-05', reference: 'x'.repeat(201) },
      'reference',
    );
    await refused('/claims', inpatient(person, { invoiceNo: 'x'.repeat(65) }), 'invoiceNo');
    expect(fieldsOf((await t.get(`/persons/${'p'.repeat(65)}`, 'clerk').expect(400)).body)).toEqual(
      ['personId'],
    );
  });

  it('refuses 1e400 in a money field with 400 naming it (it gave 500)', async () => {
    const res = await request(t.baseUrl)
      .post('/api/v1/assistance-funds/370800/appropriations')
      .set('Authorization', `Bearer ${testKeys.clerk}`)
      .set('Content-Type', 'application/json')
      .send('{"amountFen":1e400,"source":"fiscal","receivedOn":"2023-01-05","reference":"BIG"}')
      .expect(400);
    expect(fieldsOf(res.body)).toEqual(['amountFen']);
  });

  it('bounds every amount at 10^13 fen and refuses a burdenFen of 0', async () => {
    await refused(
      '/assistance-funds/370800/appropriations',
      {
        amountFen: 10_000_000_000_001,
        source: 'fiscal',
        receivedOn: '2023-01-05',
        reference: 'OVER',
      },
      'amountFen',
    );
    await refused(
      '/assistance-funds/370800/appropriations',
      {
        amountFen: Number.MAX_SAFE_INTEGER,
        source: 'fiscal',
        receivedOn: '2023-01-05',
        reference: 'MAX',
      },
      'amountFen',
    );
    await refused(
      '/claims',
      inpatient(person, { totalCostFen: 1e15, policyCostFen: 1 }),
      'totalCostFen',
    );
    await refused(
      '/relief-grants',
      { personId: person, onDate: '2023-05-01', burdenFen: 0, reference: 'ZERO' },
      'burdenFen',
    );
    await t
      .post(
        '/assistance-funds/370800/appropriations',
        {
          amountFen: 10_000_000_000_000,
          source: 'fiscal',
          receivedOn: '2023-01-05',
          reference: 'AT-BOUND',
        },
        'clerk',
      )
      .expect(201);
  });

  it('refuses a 5,000-level nested body with 400 (it gave 500), before it reaches any handler', async () => {
    let deep = '1';
    for (let i = 0; i < 5000; i += 1) deep = `{"a":${deep}}`;
    const before = await t.eventCount();
    const res = await request(t.baseUrl)
      .post('/api/v1/persons')
      .set('Authorization', `Bearer ${testKeys.clerk}`)
      .set('Content-Type', 'application/json')
      .send(deep)
      .expect(400);
    expect(res.body.code).toBe('validation-failed');
    expect(fieldsOf(res.body)[0]).toMatch(/^a(\.a)+$/);
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses __proto__, constructor and prototype keys as it refuses unknownField', async () => {
    await refused(
      '/persons',
      JSON.parse(
        `{"__proto__":{"admin":true},"nationalId":"${residentId('1970-05-06')}","name":"x","birthDate":"1970-05-06","regionCode":"370800"}`,
      ),
      '__proto__',
    );
    await refused('/persons', { ...personBody(), constructor: { name: 'x' } }, 'constructor');
    await refused('/persons', { ...personBody(), unknownField: 1 }, 'unknownField');
  });

  it('refuses a form-encoded or plain-text body with 415 naming Content-Type (and an unknown Content-Encoding naming that)', async () => {
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', 'name=x&regionCode=370800'],
      ['text/plain', '{}'],
    ] as const) {
      const res = await request(t.baseUrl)
        .post('/api/v1/persons')
        .set('Authorization', `Bearer ${testKeys.clerk}`)
        .set('Content-Type', type)
        .send(body)
        .expect(415);
      expect(res.body).toMatchObject({
        code: 'validation-failed',
        errors: [{ field: 'Content-Type' }],
      });
    }
    const encoded = await request(t.baseUrl)
      .post('/api/v1/persons')
      .set('Authorization', `Bearer ${testKeys.clerk}`)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'compress')
      .send('{}')
      .expect(415);
    expect(encoded.body).toMatchObject({
      code: 'validation-failed',
      errors: [{ field: 'Content-Encoding' }],
    });
  });

  it('refuses a body over 1 MiB with 413 payload-too-large', async () => {
    const res = await t
      .post('/persons', personBody({ name: 'x'.repeat(1024 * 1024) }), 'clerk')
      .expect(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('payload-too-large');
  });

  it('refuses dates after today (Asia/Shanghai) or before 1900-01-01: death in 2031 and 9999, birth in 2099, a stay ending in 2030, status from 9999-12-31', async () => {
    await refused(`/persons/${person}/death`, { dateOfDeath: '2031-01-01' }, 'dateOfDeath');
    await refused(`/persons/${person}/death`, { dateOfDeath: '9999-12-31' }, 'dateOfDeath');
    await refused(
      '/persons',
      personBody({ birthDate: '2099-01-01', nationalId: residentId('2099-01-01') }),
      'birthDate',
    );
    await refused(
      '/persons',
      personBody({ birthDate: '1899-12-31', nationalId: residentId('1899-12-31') }),
      'birthDate',
    );
    await refused('/claims', inpatient(person, { dischargeDate: '2030-01-01' }), 'dischargeDate');
    await refused(
      `/persons/${person}/assistance-status`,
      { category: 'minimum-living-allowance', effectiveFrom: '9999-12-31' },
      'effectiveFrom',
    );
  });

  it('refuses regions that do not exist (999999, 000000) in bodies, paths and queries, with one rule', async () => {
    await refused('/persons', personBody({ regionCode: '999999' }), 'regionCode');
    await refused(
      '/enrollments',
      {
        personId: person,
        regionCode: '000000',
        coverageYear: 2024,
        category: 'adult',
        channel: 'centralized',
        enrolledOn: '2023-11-15',
      },
      'regionCode',
    );
    await refused(
      '/assistance-funds/999999/appropriations',
      { amountFen: 1, source: 'fiscal', receivedOn: '2023-01-05', reference: 'NOWHERE' },
      'regionCode',
    );
    for (const path of [
      '/funds?regionCode=000000',
      '/budget?regionCode=999999&year=2023',
      '/funds/statements?regionCode=370012&year=2023',
    ]) {
      expect(fieldsOf((await t.get(path, 'finance').expect(400)).body)).toEqual(['regionCode']);
    }
  });

  it('refuses a query parameter given twice, naming it', async () => {
    expect(
      fieldsOf(
        (await t.get('/funds?regionCode=370800&regionCode=370800', 'finance').expect(400)).body,
      ),
    ).toEqual(['regionCode']);
  });

  it('still records a claim after death as a fraud signal when its text is untidy but valid (trimmed)', async () => {
    const dead = await coveredPerson(t);
    await t.post(`/persons/${dead}/death`, { dateOfDeath: '2023-04-01' }, 'clerk').expect(201);
    const before = await t.refusalsRecorded('claim-after-death');
    const res = await t
      .post(
        '/claims',
        inpatient(dead, {
          invoiceNo: '  发票-1  ',
          admissionDate: '2023-04-02',
          dischargeDate: '2023-04-03',
        }),
        'institution',
      )
      .expect(422);
    expect(res.body.code).toBe('person-deceased');
    expect(await t.refusalsRecorded('claim-after-death')).toBe(before + 1);
  });

  it('takes the Bearer scheme in any case (RFC 9110) and answers 401 with WWW-Authenticate', async () => {
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      await request(t.baseUrl)
        .get('/api/v1/funds')
        .set('Authorization', `${scheme} ${testKeys.finance}`)
        .expect(200);
    }
    for (const header of [undefined, 'Bearer wrong-key-0123456789', 'Basic Zm9vOmJhcg==']) {
      const r = request(t.baseUrl).get('/api/v1/funds');
      const res = await (header ? r.set('Authorization', header) : r).expect(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="ledger"/);
      expect(res.body.code).toBe('unauthorized');
    }
  });

  it('stores an X-Request-Id only when it is visible ASCII; another one gets a fresh correlation id', async () => {
    const res = await request(t.baseUrl)
      .post('/api/v1/assistance-funds/370800/appropriations')
      .set('Authorization', `Bearer ${testKeys.clerk}`)
      .set('X-Request-Id', 'req\t1')
      .send({
        amountFen: 5,
        source: 'donation',
        receivedOn: '2023-01-06',
        reference: 'CORRELATION',
      })
      .expect(201);
    const { rows } = await t.db.query<{ c: string }>(
      "SELECT metadata->>'correlationId' AS c FROM events WHERE position = $1",
      [res.body.position],
    );
    expect(rows[0]!.c).toMatch(/^[0-9a-f-]{36}$/);
  });
});
