import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registerPerson } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { enrollFor2023 } from '../support/enrollments.js';

// Natural keys are unique ledger-wide (API.md 1.1, issue 11 finding 3): one receipt pays one
// enrollment, one relief reference pays one person once, an appropriation reference is unique per
// region. Enforced by guard streams appended atomically with the write, so races cannot beat it.

const racers = 8;

describe('ledger-wide natural keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  async function awaitingPayment(): Promise<string> {
    const personId = await registerPerson(t);
    const res = await enrollFor2023(t, personId);
    return res.body.enrollmentId as string;
  }

  async function poorPerson(): Promise<string> {
    const personId = await registerPerson(t);
    await t
      .post(
        `/persons/${personId}/assistance-status`,
        { category: 'extreme-poverty', effectiveFrom: '2022-01-01' },
        'clerk',
      )
      .expect(201);
    return personId;
  }

  const pay = (enrollmentId: string, receiptNo: string) =>
    t.post(
      `/enrollments/${enrollmentId}/payments`,
      { receiptNo, paidOn: '2022-12-01', amountFen: 38000 },
      'clerk',
    );

  it('refuses a receipt that paid another enrollment as 409 receipt-reused and replays the same payment', async () => {
    const [a, b] = [await awaitingPayment(), await awaitingPayment()];
    const paid = await pay(a!, 'RCPT-ONE').expect(201);
    const before = await t.stateEventCount();
    const reused = await pay(b!, 'RCPT-ONE').expect(409);
    expect(reused.headers['content-type']).toContain('application/problem+json');
    expect(reused.body.code).toBe('receipt-reused');
    expect(await t.stateEventCount()).toBe(before);
    expect((await pay(a!, 'RCPT-ONE').expect(200)).body).toEqual(paid.body);
    await pay(b!, 'RCPT-TWO').expect(201);
  });

  it('lets exactly one of many concurrent payments with one receipt for different enrollments through', async () => {
    const enrollments = await Promise.all(Array.from({ length: racers }, () => awaitingPayment()));
    const answers = await Promise.all(enrollments.map((id) => pay(id, 'RCPT-RACE')));
    expect(answers.map((r) => r.status).sort()).toEqual([201, ...Array(racers - 1).fill(409)]);
    expect(
      answers.filter((r) => r.status === 409).every((r) => r.body.code === 'receipt-reused'),
    ).toBe(true);
    const { rows } = await t.db.query(
      "SELECT count(*)::int AS n FROM events WHERE type = 'ContributionPaid' AND data->>'receiptNo' = 'RCPT-RACE'",
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses a relief reference used for another person or with another body as 409 reference-reused, and replays the same grant', async () => {
    const [p, q] = [await poorPerson(), await poorPerson()];
    const grant = { onDate: '2023-06-01', burdenFen: 1000000, reference: 'MA-ONE' };
    const first = await t.post('/relief-grants', { personId: p, ...grant }, 'clerk').expect(201);
    const before = await t.stateEventCount();
    expect(
      (await t.post('/relief-grants', { personId: q, ...grant }, 'clerk').expect(409)).body.code,
    ).toBe('reference-reused');
    expect(
      (
        await t
          .post('/relief-grants', { personId: p, ...grant, burdenFen: 2000000 }, 'clerk')
          .expect(409)
      ).body.code,
    ).toBe('reference-reused');
    expect(await t.stateEventCount()).toBe(before);
    expect(
      (await t.post('/relief-grants', { personId: p, ...grant }, 'clerk').expect(200)).body,
    ).toEqual(first.body);
  });

  it('pays one concurrent relief reference to exactly one of many persons', async () => {
    const persons = await Promise.all(Array.from({ length: racers }, () => poorPerson()));
    const answers = await Promise.all(
      persons.map((personId) =>
        t.post(
          '/relief-grants',
          { personId, onDate: '2023-06-01', burdenFen: 560000, reference: 'MA-RACE' },
          'clerk',
        ),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, ...Array(racers - 1).fill(409)]);
    expect(
      answers.filter((r) => r.status === 409).every((r) => r.body.code === 'reference-reused'),
    ).toBe(true);
    const { rows } = await t.db.query(
      "SELECT count(*)::int AS n FROM events WHERE type = 'ReliefGranted' AND data->>'reference' = 'MA-RACE'",
    );
    expect(rows[0].n).toBe(1);
  });

  it('keeps an appropriation reference unique per region, under concurrent requests too', async () => {
    const body = {
      amountFen: 100000000,
      source: 'fiscal',
      receivedOn: '2023-01-10',
      reference: 'CZ-KEY',
    };
    const answers = await Promise.all(
      Array.from({ length: racers }, (_, i) =>
        t.post(
          '/assistance-funds/370800/appropriations',
          { ...body, amountFen: body.amountFen + i },
          'clerk',
        ),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, ...Array(racers - 1).fill(409)]);
    expect(
      answers.filter((r) => r.status === 409).every((r) => r.body.code === 'reference-reused'),
    ).toBe(true);
    await t.post('/assistance-funds/370100/appropriations', body, 'clerk').expect(201);
  });
});
