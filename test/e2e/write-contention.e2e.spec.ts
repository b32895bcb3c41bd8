import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';

// A client that did nothing wrong sees no conflict (issue 11 finding 11): writes to one hot stream
// queue inside a process, and instances sharing a database retry with a jittered back-off, so 40
// concurrent appropriations to one region all succeed and the fund's balance is exact.

const concurrent = 40;

describe('no spurious conflicts on a hot stream', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const appropriation = (region: string, i: number) => ({
    amountFen: 1_000_000 + i,
    source: 'fiscal',
    receivedOn: '2023-01-10',
    reference: `CZ-${region}-${i}`,
  });
  const expectedFen = Array.from({ length: concurrent }, (_, i) => 1_000_000 + i).reduce(
    (x, y) => x + y,
    0,
  );

  async function assistanceBalance(t: TestApp, region: string): Promise<number> {
    const res = await t.get(`/funds?regionCode=${region}`, 'finance').expect(200);
    return res.body.funds.find((f: { kind: string }) => f.kind === 'assistance')
      .balanceFen as number;
  }

  it('accepts 40 concurrent appropriations to one region on one instance, balance exact', async () => {
    const answers = await Promise.all(
      Array.from({ length: concurrent }, (_, i) =>
        a.post('/assistance-funds/370800/appropriations', appropriation('370800', i), 'clerk'),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(concurrent).fill(201));
    expect(await assistanceBalance(a, '370800')).toBe(expectedFen);
  });

  it('accepts 40 concurrent appropriations to one region split over two instances on one database, balance exact on both', async () => {
    const answers = await Promise.all(
      Array.from({ length: concurrent }, (_, i) =>
        (i % 2 === 0 ? a : b).post(
          '/assistance-funds/370100/appropriations',
          appropriation('370100', i),
          'clerk',
        ),
      ),
    );
    expect(answers.filter((r) => r.status !== 201).map((r) => r.body)).toEqual([]);
    expect(await assistanceBalance(a, '370100')).toBe(expectedFen);
    expect(await assistanceBalance(b, '370100')).toBe(expectedFen);
  });
});
