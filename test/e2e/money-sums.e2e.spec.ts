import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { eventStoreToken, type EventStore } from '../../src/eventstore/event-store.port.js';
import { accounts, transfer } from '../../src/ledger/domain/accounts.js';
import { runCli } from '../support/run-cli.js';
import { startTestApp, testKeys, type TestApp } from '../support/test-app.js';

// Finding 6: two appropriations of 2^53 - 1 fen made GET /funds answer 500 forever. New amounts
// are bounded at 10^13 fen, but a log written before the bound keeps its events, and enough
// appropriations at the bound pass 2^53 too. Sums are bigint end to end and leave as exact JSON
// integers (all digits), exact CSV text and exact XLSX text cells.

const maxSafe = Number.MAX_SAFE_INTEGER; // 9007199254740991
const threeTimes = 3n * BigInt(maxSafe); // 27021597764222973, not representable as a double

describe('sums of fen beyond 2^53 are exact and never a 500', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // a log written before the bound: three appropriations of 2^53 - 1 fen, through the store port
    const store = t.app.get<EventStore>(eventStoreToken);
    for (const reference of ['OLD-1', 'OLD-2', 'OLD-3']) {
      const data = {
        appropriationId: `app_${reference}`,
        regionCode: '370800',
        amountFen: maxSafe,
        source: 'fiscal',
        receivedOn: '2023-02-01',
        reference,
        postings: transfer(accounts.appropriation, accounts.assistanceFund('370800'), maxSafe),
      };
      await store.append({
        streams: [
          {
            streamId: 'assistance-fund-370800',
            expectedVersion: 'any',
            events: [
              {
                eventId: randomUUID(),
                type: 'AppropriationReceived',
                schemaVersion: 1,
                data,
                metadata: { actor: 'migration' },
              },
            ],
          },
        ],
      });
    }
  });
  afterAll(async () => t.close());

  const raw = (path: string, role: keyof typeof testKeys = 'finance') =>
    request(t.baseUrl)
      .get(`/api/v1${path}`)
      .set('Authorization', `Bearer ${testKeys[role]}`)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => done(null, text));
      });

  it('GET /funds answers 200 with the exact sum written as a JSON integer with all its digits', async () => {
    const res = await raw('/funds?regionCode=370800').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toContain(`"creditsFen":${threeTimes}`);
    expect(res.body).toContain(`"balanceFen":${threeTimes}`);
    const asOf = await raw('/funds?regionCode=370800&asOfPosition=3').expect(200);
    expect(asOf.body).toContain(`"creditsFen":${threeTimes}`);
  });

  it('keeps adding exactly: appropriations at the 10^13 bound on top of the old log', async () => {
    await t
      .post(
        '/assistance-funds/370800/appropriations',
        {
          amountFen: 10_000_000_000_000,
          source: 'lottery',
          receivedOn: '2023-03-01',
          reference: 'NEW-1',
        },
        'clerk',
      )
      .expect(201);
    await t
      .post(
        '/assistance-funds/370800/appropriations',
        {
          amountFen: 10_000_000_000_000,
          source: 'lottery',
          receivedOn: '2023-03-02',
          reference: 'NEW-2',
        },
        'clerk',
      )
      .expect(201);
    const res = await raw('/funds?regionCode=370800').expect(200);
    expect(res.body).toContain(`"creditsFen":${threeTimes + 20_000_000_000_000n}`);
  });

  it('monthly statements carry the exact sums in JSON, CSV and XLSX', async () => {
    const json = await raw('/funds/statements?regionCode=370800&year=2023').expect(200);
    expect(json.body).toContain(`"incomeFen":${threeTimes}`);
    expect(json.body).toContain(`"closingBalanceFen":${threeTimes + 20_000_000_000_000n}`);
    const csv = await raw('/funds/statements?regionCode=370800&year=2023&format=csv').expect(200);
    expect(csv.body).toContain(
      `fund:assistance:370800,2023-02,income,appropriation:fiscal,${threeTimes}`,
    );
    const cli = await runCli(t.databaseUrl, [
      'export',
      'statements',
      '--region',
      '370800',
      '--year',
      '2023',
      '--format',
      'csv',
    ]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(
      `fund:assistance:370800,2023-12,closing-balance,,${threeTimes + 20_000_000_000_000n}`,
    );
  });

  it('budget figures stay exact past 2^53', async () => {
    const res = await raw('/budget?regionCode=370800&year=2023&asOfDate=2023-12-31').expect(200);
    expect(res.body).toContain(`"incomeToDateFen":${threeTimes + 20_000_000_000_000n}`);
  });

  it('the postings ledger and ledger verify agree: debits equal credits, exactly', async () => {
    const res = await raw('/ledger/postings?account=fund:assistance:370800').expect(200);
    expect(res.body).toContain(`"creditFen":${maxSafe}`);
    const total = threeTimes + 20_000_000_000_000n;
    const verify = await runCli(t.databaseUrl, ['verify']);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain(`postings: debits ${total} fen, credits ${total} fen\n`);
    await raw('/ledger/verify', 'auditor').expect(200);
  });
});
