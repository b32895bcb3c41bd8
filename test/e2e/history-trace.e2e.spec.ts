import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { coveredPerson, inpatient } from '../support/claims.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { registerInstitutions } from '../support/institutions.js';

// Investigators replay a person's history as it stood at any moment; auditors trace money from
// its source to the institution it paid.

describe('person history and money trace over HTTP', () => {
  let t: TestApp;
  let personId: string;
  let claimId: string;
  let firstClaimPosition: number;
  let reversalPosition: number;
  beforeAll(async () => {
    t = await startTestApp();
    await registerInstitutions(
      t,
      { institutionId: 'H370800001', level: 'tertiary' },
      { institutionId: 'H370800777', level: 'grassroots' },
    );
    personId = await coveredPerson(t, 'minimum-living-allowance');
    const first = await t.post('/claims', inpatient(personId), 'institution').expect(201);
    claimId = first.body.claimId;
    firstClaimPosition = first.body.position;
    await t
      .post(
        '/claims',
        inpatient(personId, {
          institutionLevel: 'grassroots',
          institutionId: 'H370800777',
          totalCostFen: 800000,
          policyCostFen: 700000,
        }),
        'institution',
      )
      .expect(201);
    reversalPosition = (
      await t.post(`/claims/${claimId}/reversal`, { reason: '追回' }, 'investigator').expect(201)
    ).body.position;
  });
  afterAll(async () => t.close());

  it("replays the person's events and annual sums as they stood after the first claim", async () => {
    const then = await t
      .get(`/persons/${personId}/history?asOfPosition=${firstClaimPosition}`, 'investigator')
      .expect(200);
    expect(then.body.events.map((e: { type: string }) => e.type)).toEqual([
      'PersonRegisteredSealed',
      'AssistanceStatusChanged',
      'EnrollmentRegistered',
      'ContributionPaid',
      'ClaimSettled',
    ]);
    expect(then.body.usage['2023']).toMatchObject({
      inpatientBasicPaidFen: 5940000,
      assistance: { baseFen: 1908500, paidFen: 1000000 },
      reAssistance: { baseFen: 908500, paidFen: 285950 },
    });
    const now = await t.get(`/persons/${personId}/history`, 'auditor').expect(200);
    expect(now.body.events.map((e: { type: string }) => e.type).slice(-3)).toEqual([
      'ClaimSettled',
      'ClaimSettled',
      'ClaimReversed',
    ]);
    expect(now.body.usage['2023']).toMatchObject({ inpatientBasicPaidFen: 578000 });
    expect(now.body.events[0].data.nationalId).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    const instant = now.body.events[now.body.events.length - 2].recordedAt; // the second claim, before the reversal
    const asOf = await t
      .get(`/persons/${personId}/history?asOf=${encodeURIComponent(instant)}`, 'investigator')
      .expect(200);
    expect(asOf.body.events.every((e: { position: number }) => e.position < reversalPosition)).toBe(
      true,
    );
    expect(
      (await t.get(`/persons/${personId}/history?asOf=yesterday`, 'investigator').expect(400)).body
        .errors[0].field,
    ).toBe('asOf');
    await t.get(`/persons/${personId}/history`, 'finance').expect(403);
  });

  it('replays again after new events: the states kept from earlier replays are caught up, never answered stale', async () => {
    const before = await t.get(`/persons/${personId}/history`, 'investigator').expect(200);
    const basicBefore = before.body.usage['2023'].inpatientBasicPaidFen as number;
    const added = await t
      .post(
        '/claims',
        inpatient(personId, {
          institutionLevel: 'grassroots',
          institutionId: 'H370800777',
          totalCostFen: 300000,
          policyCostFen: 200000,
        }),
        'institution',
      )
      .expect(201);
    const after = await t.get(`/persons/${personId}/history`, 'investigator').expect(200);
    expect(after.body.events).toHaveLength(before.body.events.length + 1);
    expect(after.body.events.at(-1)).toMatchObject({
      type: 'ClaimSettled',
      data: { claimId: added.body.claimId },
    });
    expect(after.body.usage['2023'].inpatientBasicPaidFen).toBe(
      basicBefore + (added.body.breakdown.basicFen as number),
    );
    expect(added.body.breakdown.basicFen).toBeGreaterThan(0);
    // an earlier moment, replayed after later ones were kept, still answers as it stood then
    const then = await t
      .get(`/persons/${personId}/history?asOfPosition=${firstClaimPosition}`, 'investigator')
      .expect(200);
    expect(then.body.events).toHaveLength(5);
    expect(then.body.usage['2023'].inpatientBasicPaidFen).toBe(5940000);
  });

  it('traces a claim from settlement to reversal, each event with its postings', async () => {
    const res = await t.get(`/ledger/trace/${claimId}`, 'auditor').expect(200);
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual([
      'ClaimSettled',
      'InvoiceRegistered',
      'ClaimReversed',
    ]);
    const [settled, , reversed] = res.body.events;
    expect(settled.postings).toContainEqual({
      account: 'payable:institution:H370800001',
      debitFen: 0,
      creditFen: 5940000,
    });
    expect(settled.businessDate).toBe('2023-03-20');
    expect(reversed.postings).toContainEqual({
      account: 'fund:basic:370800:2023',
      debitFen: 0,
      creditFen: 5940000,
    });
    await t.get('/ledger/trace/clm_000000000000000000000000', 'auditor').expect(404);
  });
});
