import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { residentId } from '../support/people.js';
import { startTestApp, testKeys, type TestApp } from '../support/test-app.js';

describe('persons over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('answers /health without a key', async () => {
    const res = await request(t.baseUrl).get('/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      database: 'up',
      kafka: { role: 'off' },
      eventstore: { adapter: 'postgres' },
    });
  });

  it('refuses a request without a key (401) and a role that may not write persons (403), as problem+json', async () => {
    const body = {
      nationalId: residentId('1980-01-01'),
      name: '甲',
      birthDate: '1980-01-01',
      regionCode: '370800',
    };
    const none = await request(t.baseUrl).post('/api/v1/persons').send(body).expect(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.body).toMatchObject({ status: 401, code: 'unauthorized' });
    const wrong = await t.post('/persons', body, 'institution').expect(403);
    expect(wrong.body.code).toBe('forbidden');
    const badKey = await request(t.baseUrl)
      .post('/api/v1/persons')
      .set('Authorization', `Bearer ${testKeys.clerk}x`)
      .send(body)
      .expect(401);
    expect(badKey.body.code).toBe('unauthorized');
    expect(await t.eventCount()).toBe(0);
  });

  it('records a person once per resident ID: same data 200 with the same personId, other data 409 person-conflict', async () => {
    const nationalId = residentId('1985-03-04');
    const body = { nationalId, name: '王芳', birthDate: '1985-03-04', regionCode: '370800' };
    const first = await t.post('/persons', body, 'clerk').expect(201);
    expect(first.body.personId).toMatch(/^per_[0-9a-f]{24}$/);
    expect(typeof first.body.position).toBe('number');
    const again = await t.post('/persons', body, 'clerk').expect(200);
    expect(again.body).toEqual(first.body);
    const before = await t.eventCount();
    const other = await t.post('/persons', { ...body, name: '王芳芳' }, 'clerk').expect(409);
    expect(other.body.code).toBe('person-conflict');
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses a resident ID with a wrong check character (400 invalid-national-id) and names every bad field', async () => {
    const good = residentId('1990-07-08');
    const wrongCheck = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const before = await t.eventCount();
    const res = await t
      .post(
        '/persons',
        { nationalId: wrongCheck, name: '李', birthDate: '1990-07-08', regionCode: '370800' },
        'clerk',
      )
      .expect(400);
    expect(res.body).toMatchObject({
      code: 'invalid-national-id',
      errors: [{ field: 'nationalId' }],
    });
    const shape = await t
      .post('/persons', { nationalId: good, birthDate: '1990-02-30', regionCode: '37080' }, 'clerk')
      .expect(400);
    expect(shape.body.code).toBe('validation-failed');
    expect([...new Set(shape.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual([
      'birthDate',
      'name',
      'regionCode',
    ]);
    const mismatch = await t
      .post(
        '/persons',
        { nationalId: good, name: '李', birthDate: '1990-07-09', regionCode: '370800' },
        'clerk',
      )
      .expect(400);
    expect(mismatch.body.errors[0].field).toBe('birthDate');
    expect(await t.eventCount()).toBe(before);
  });

  it('creates exactly one record when the same resident ID is registered by many racing requests', async () => {
    const body = {
      nationalId: residentId('1975-11-12'),
      name: '赵',
      birthDate: '1975-11-12',
      regionCode: '370800',
    };
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => t.post('/persons', body, 'clerk')),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(11);
    expect(new Set(responses.map((r) => r.body.personId)).size).toBe(1);
    const { rows } = await t.db.query(
      "SELECT count(*)::int AS n FROM events WHERE type = 'PersonRegisteredSealed' AND data->>'personId' = $1",
      [responses[0]!.body.personId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('masks the resident ID for auditors and shows it in clear to investigators', async () => {
    const nationalId = residentId('1960-01-02');
    const { body } = await t
      .post(
        '/persons',
        { nationalId, name: '钱', birthDate: '1960-01-02', regionCode: '370800' },
        'clerk',
      )
      .expect(201);
    const audited = await t.get(`/persons/${body.personId}`, 'auditor').expect(200);
    expect(audited.body.nationalId).toBe(
      `${nationalId.slice(0, 6)}********${nationalId.slice(14)}`,
    );
    const investigated = await t.get(`/persons/${body.personId}`, 'investigator').expect(200);
    expect(investigated.body).toMatchObject({
      personId: body.personId,
      nationalId,
      name: '钱',
      birthDate: '1960-01-02',
      regionCode: '370800',
      assistance: [],
      dateOfDeath: null,
      enrollments: [],
    });
    await t.get(`/persons/${body.personId}`, 'institution').expect(403);
    await t.get('/persons/per_000000000000000000000000', 'auditor').expect(404);
  });

  it('replays the first answer for a repeated Idempotency-Key and refuses the key for another request', async () => {
    const body = {
      nationalId: residentId('1991-09-09'),
      name: '孙',
      birthDate: '1991-09-09',
      regionCode: '370800',
    };
    const first = await t.post('/persons', body, 'clerk', 'key-person-1').expect(201);
    const before = await t.eventCount();
    const replay = await t.post('/persons', body, 'clerk', 'key-person-1').expect(201);
    expect(replay.body).toEqual(first.body);
    const reused = await t
      .post('/persons', { ...body, name: '孙二' }, 'clerk', 'key-person-1')
      .expect(409);
    expect(reused.body.code).toBe('idempotency-key-reused');
    expect(await t.eventCount()).toBe(before);
  });

  it('takes an applicationRef sent as null as absent (the fuzz found a 500 here)', async () => {
    const { body } = await t
      .post(
        '/persons',
        {
          nationalId: residentId('1961-06-06'),
          name: '吴',
          birthDate: '1961-06-06',
          regionCode: '370800',
        },
        'clerk',
      )
      .expect(201);
    await t
      .post(
        `/persons/${body.personId}/assistance-status`,
        { category: 'poverty-relapse', effectiveFrom: '2023-01-02', applicationRef: null },
        'clerk',
      )
      .expect(201);
    const { rows } = await t.db.query<{ data: Record<string, unknown> }>(
      "SELECT data FROM events WHERE type = 'AssistanceStatusChanged' AND data->>'category' = 'poverty-relapse'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.data).not.toHaveProperty('applicationRef');
  });

  it('keeps assistance status over time and records death once; a deceased person gets no status change', async () => {
    const { body } = await t
      .post(
        '/persons',
        {
          nationalId: residentId('1950-05-05'),
          name: '周',
          birthDate: '1950-05-05',
          regionCode: '370800',
        },
        'clerk',
      )
      .expect(201);
    const id = body.personId as string;
    await t
      .post(
        `/persons/${id}/assistance-status`,
        { category: 'minimum-living-allowance', effectiveFrom: '2022-01-01' },
        'clerk',
      )
      .expect(201);
    await t
      .post(
        `/persons/${id}/assistance-status`,
        { category: 'none', effectiveFrom: '2023-06-01' },
        'clerk',
      )
      .expect(201);
    const badCategory = await t
      .post(
        `/persons/${id}/assistance-status`,
        { category: 'rich', effectiveFrom: '2023-06-01' },
        'clerk',
      )
      .expect(400);
    expect(badCategory.body.errors[0].field).toBe('category');
    const death = await t
      .post(`/persons/${id}/death`, { dateOfDeath: '2023-08-01' }, 'clerk')
      .expect(201);
    expect(death.body.position).toBeGreaterThan(0);
    expect(
      (await t.post(`/persons/${id}/death`, { dateOfDeath: '2023-08-02' }, 'clerk').expect(409))
        .body.code,
    ).toBe('already-deceased');
    expect(
      (
        await t
          .post(
            `/persons/${id}/assistance-status`,
            { category: 'extreme-poverty', effectiveFrom: '2023-09-01' },
            'clerk',
          )
          .expect(422)
      ).body.code,
    ).toBe('person-deceased');
    const person = await t.get(`/persons/${id}`, 'investigator').expect(200);
    expect(person.body.assistance).toEqual([
      { category: 'minimum-living-allowance', effectiveFrom: '2022-01-01' },
      { category: 'none', effectiveFrom: '2023-06-01' },
    ]);
    expect(person.body.dateOfDeath).toBe('2023-08-01');
    const asOf = await t
      .get(`/persons/${id}?asOfPosition=${death.body.position - 1}`, 'investigator')
      .expect(200);
    expect(asOf.body.dateOfDeath).toBeNull();
    await t
      .post('/persons/per_000000000000000000000000/death', { dateOfDeath: '2023-08-01' }, 'clerk')
      .expect(404);
  });
});
