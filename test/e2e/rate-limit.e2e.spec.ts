import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

// A request rate limit per API key (issue 11, "Limits per key"): one key over its limit gets 429
// rate-limited with Retry-After, as problem+json, while another key goes on being served.

const limit = 5;

describe('rate limit per API key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LEDGER_RATE_LIMIT: `${limit}/60` } });
  });
  afterAll(async () => t.close());

  it('throttles one key past its limit with 429 rate-limited and Retry-After, while another key is served', async () => {
    for (let i = 0; i < limit; i += 1) await t.get('/funds', 'finance').expect(200);
    const throttled = await t.get('/funds', 'finance').expect(429);
    expect(throttled.headers['content-type']).toContain('application/problem+json');
    expect(throttled.body).toMatchObject({ status: 429, code: 'rate-limited' });
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(throttled.headers['retry-after'])).toBeLessThanOrEqual(60);
    await t.get('/funds', 'auditor').expect(200);
    await t
      .post(
        '/assistance-funds/370800/appropriations',
        { amountFen: 100, source: 'fiscal', receivedOn: '2023-01-10', reference: 'RL-1' },
        'clerk',
      )
      .expect(201);
  });

  it('counts every route of a key together, and a throttled write records nothing', async () => {
    for (let i = 0; i < limit; i += 1) await t.get('/funds', 'admin').expect(200);
    const before = await t.eventCount();
    const write = await t
      .post(
        '/assistance-funds/370800/appropriations',
        { amountFen: 100, source: 'fiscal', receivedOn: '2023-01-10', reference: 'RL-2' },
        'admin',
      )
      .expect(429);
    expect(write.body.code).toBe('rate-limited');
    expect((await t.get('/ledger/postings', 'admin').expect(429)).body.code).toBe('rate-limited');
    expect(await t.eventCount()).toBe(before);
  });

  it('never throttles the health probe, which needs no key', async () => {
    for (let i = 0; i < limit + 2; i += 1)
      expect((await request(t.baseUrl).get('/health')).status).not.toBe(429);
  });
});
