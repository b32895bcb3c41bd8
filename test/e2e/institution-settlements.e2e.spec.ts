import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { chinaDate } from '../../src/shared/domain/business-date.js';
import { coveredPerson, inpatient } from '../support/claims.js';
import { registerInstitutions } from '../support/institutions.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Corrections, monthly settlements and payouts of one institution through HTTP, in fen. Policy
// 370800-2023, tertiary stays: deductible 100,000 fen, basic ratio 60%, critical illness from a
// 1,500,000 fen burden. Each claim is a new person's, so no annual sum carries over.

const institutionId = 'H370800501';
// a settlement is approved today and paid on or after that day
const today = chinaDate(new Date());
const scopedKey = 'test-key-institution-other-0000000000';

describe('monthly settlement and payout over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      apiKeys: { [scopedKey]: { roles: ['institution'], institutions: ['H999'] } },
    });
    await registerInstitutions(t, { institutionId, level: 'tertiary' });
  });
  afterAll(async () => t.close());

  const claim = async (over: Record<string, unknown>) => {
    const personId = await coveredPerson(t);
    const res = await t.post(
      '/claims',
      inpatient(personId, { institutionId, ...over }),
      'institution',
    );
    expect(res.status).toBe(201);
    return res.body as { claimId: string; breakdown: Record<string, number> };
  };
  const payable = async () => {
    const res = await t
      .get(`/ledger/postings?account=payable:institution:${institutionId}&limit=1000`, 'finance')
      .expect(200);
    return (res.body.postings as Array<{ creditFen: number; debitFen: number }>).reduce(
      (b, p) => b + p.creditFen - p.debitFen,
      0,
    );
  };
  const fund = (basicFen: number) => ({
    basicFen,
    criticalIllnessFen: 0,
    assistanceFen: 0,
    reAssistanceFen: 0,
  });

  it('settles a month, corrects and reverses a claim of it, offsets the recoveries with carry-over, pays once', async () => {
    // March: (800,000 - 100,000) x 60% = 420,000 basic
    const march = await claim({
      admissionDate: '2023-03-01',
      dischargeDate: '2023-03-20',
      totalCostFen: 1000000,
      policyCostFen: 800000,
    });
    expect(march.breakdown.basicFen).toBe(420000);
    const first = await t
      .post('/institution-settlements', { institutionId, month: '2023-03' }, 'finance')
      .expect(201);
    expect(first.body).toMatchObject({
      settlementId: `ist-${institutionId}-2023-03`,
      institutionId,
      month: '2023-03',
      claimIds: [march.claimId],
      grossFen: fund(420000),
      offsetsFen: fund(0),
      netFen: 420000,
      status: 'approved',
    });
    await t
      .post('/institution-settlements', { institutionId, month: '2023-03' }, 'finance')
      .expect(409)
      .expect((r) => expect(r.body.code).toBe('already-settled'));

    // the March claim corrected: (600,000 - 100,000) x 60% = 300,000; 120,000 recovered
    await t
      .post(
        `/claims/${march.claimId}/correction`,
        { totalCostFen: 1000001, policyCostFen: 600000, reason: '超标准收费' },
        'institution',
      )
      .expect(400)
      .expect((r) => expect(r.body.errors[0].field).toBe('totalCostFen'));
    // a key scoped to another institution: 403 institution-scope
    await request(t.baseUrl)
      .post(`/api/v1/claims/${march.claimId}/correction`)
      .set('Authorization', `Bearer ${scopedKey}`)
      .send({ totalCostFen: 900000, policyCostFen: 600000, reason: '超标准收费' })
      .expect(403)
      .expect((r) => expect(r.body.code).toBe('institution-scope'));
    const corrected = await t
      .post(
        `/claims/${march.claimId}/correction`,
        { totalCostFen: 900000, policyCostFen: 600000, reason: '超标准收费' },
        'institution',
      )
      .expect(201);
    expect(corrected.body).toMatchObject({
      claimId: march.claimId,
      status: 'corrected',
      before: { basicFen: 420000, personalFen: 580000 },
      after: { basicFen: 300000, personalFen: 600000 },
      recoveredFen: fund(120000),
    });
    const shown = await t.get(`/claims/${march.claimId}`, 'auditor').expect(200);
    expect(shown.body).toMatchObject({
      status: 'corrected',
      breakdown: { basicFen: 300000 },
      corrections: [
        {
          reason: '超标准收费',
          before: { totalCostFen: 1000000, policyCostFen: 800000 },
          after: { totalCostFen: 900000, policyCostFen: 600000 },
          recoveredFen: fund(120000),
        },
      ],
    });
    // the institution's history counts the claim as corrected: 900,000 cost, 300,000 basic
    const history = await t.get(`/institutions/${institutionId}/history`, 'auditor').expect(200);
    expect(
      (history.body.claims as Array<Record<string, unknown>>).find(
        (c) => c.claimId === march.claimId,
      ),
    ).toMatchObject({
      status: 'corrected',
      totalCostFen: 900000,
      breakdown: { basicFen: 300000, personalFen: 600000 },
    });
    // the history as it stood before the correction: settled, 1,000,000 cost, 420,000 basic
    const before = await t
      .get(
        `/institutions/${institutionId}/history?asOfPosition=${Number(history.body.asOfPosition) - 1}`,
        'auditor',
      )
      .expect(200);
    expect(
      (before.body.claims as Array<Record<string, unknown>>).find(
        (c) => c.claimId === march.claimId,
      ),
    ).toMatchObject({
      status: 'settled',
      totalCostFen: 1000000,
      breakdown: { basicFen: 420000, personalFen: 580000 },
    });
    // then reversed (fraud confirmed): the corrected 300,000 returns
    const reversal = await t
      .post(`/claims/${march.claimId}/reversal`, { reason: '欺诈骗保' }, 'investigator')
      .expect(201);
    expect(reversal.body.returned).toEqual(fund(300000));
    await t
      .post(
        `/claims/${march.claimId}/correction`,
        { totalCostFen: 800000, policyCostFen: 500000, reason: 'again' },
        'investigator',
      )
      .expect(409)
      .expect((r) => expect(r.body.code).toBe('already-reversed'));

    // April: (400,000 - 100,000) x 60% = 180,000 gross; recoveries 120,000 + 300,000 = 420,000:
    // 180,000 offset (the correction's 120,000 in full, 60,000 of the reversal), 240,000 carried over
    const april = await claim({
      admissionDate: '2023-04-02',
      dischargeDate: '2023-04-10',
      totalCostFen: 500000,
      policyCostFen: 400000,
    });
    expect(april.breakdown.basicFen).toBe(180000);
    const second = await t
      .post('/institution-settlements', { institutionId, month: '2023-04' }, 'finance')
      .expect(201);
    expect(second.body).toMatchObject({
      claimIds: [april.claimId],
      grossFen: fund(180000),
      offsetsFen: fund(180000),
      netFen: 0,
    });

    // May: (3,000,000 - 100,000) x 60% = 1,740,000 less the 240,000 carried over: 1,500,000
    const may = await claim({
      admissionDate: '2023-05-01',
      dischargeDate: '2023-05-06',
      totalCostFen: 3000000,
      policyCostFen: 3000000,
    });
    expect(may.breakdown).toMatchObject({ basicFen: 1740000, criticalIllnessFen: 0 });
    const third = await t
      .post('/institution-settlements', { institutionId, month: '2023-05' }, 'finance')
      .expect(201);
    expect(third.body).toMatchObject({
      claimIds: [may.claimId],
      grossFen: fund(1740000),
      offsetsFen: fund(240000),
      netFen: 1500000,
    });

    const paid = await t
      .post(
        `/institution-settlements/${third.body.settlementId}/payment`,
        { paidOn: today, bankReference: 'ICBC-0605-01' },
        'finance',
      )
      .expect(201);
    expect(paid.body).toMatchObject({
      settlementId: third.body.settlementId,
      status: 'paid',
      netFen: 1500000,
    });
    await t
      .post(
        `/institution-settlements/${third.body.settlementId}/payment`,
        { paidOn: today, bankReference: 'ICBC-0606-01' },
        'finance',
      )
      .expect(409)
      .expect((r) => expect(r.body.code).toBe('already-paid'));

    // payable: 420,000 + 180,000 + 1,740,000 - 120,000 - 300,000 - 1,500,000 = 420,000,
    // the unpaid March settlement (April's net is 0, no claim is waiting)
    expect(await payable()).toBe(420000);
    const unpaid = await t
      .get(`/institution-settlements?institutionId=${institutionId}&status=approved`, 'auditor')
      .expect(200);
    expect(
      unpaid.body.settlements.map((s: { month: string; netFen: number }) => [s.month, s.netFen]),
    ).toEqual([
      ['2023-03', 420000],
      ['2023-04', 0],
    ]);

    // the auditor's trail: the settlement's claims, offsets and payment; the claim's settlements
    const trace = await t.get(`/ledger/trace/${third.body.settlementId}`, 'auditor').expect(200);
    expect(trace.body.events.map((e: { type: string }) => e.type)).toEqual([
      'InstitutionSettlementApproved',
      'InstitutionSettlementRegistered',
      'InstitutionSettlementPaid',
    ]);
    expect(trace.body.settlement).toMatchObject({
      claims: [{ claimId: may.claimId, shares: fund(1740000) }],
      offsets: [{ claimId: march.claimId, fund: 'basic', amountFen: 240000 }],
      payment: { paidOn: today, bankReference: 'ICBC-0605-01', netFen: 1500000 },
    });
    const paidLines = trace.body.events[2].postings;
    expect(paidLines).toEqual([
      { account: `payable:institution:${institutionId}`, debitFen: 1500000, creditFen: 0 },
      { account: `external:institution-bank:${institutionId}`, debitFen: 0, creditFen: 1500000 },
    ]);
    const claimTrace = await t.get(`/ledger/trace/${march.claimId}`, 'auditor').expect(200);
    expect(claimTrace.body.events.map((e: { type: string }) => e.type)).toEqual([
      'ClaimSettled',
      'InvoiceRegistered',
      'ClaimCorrected',
      'ClaimReversed',
    ]);
    expect(claimTrace.body.settlements).toMatchObject([
      { month: '2023-03', took: true, offsetFen: 0, status: 'approved' },
      { month: '2023-04', took: false, offsetFen: 180000 },
      { month: '2023-05', took: false, offsetFen: 240000, status: 'paid', paidOn: today },
    ]);
  });

  it('refuses a month not yet ended, an unknown settlement, and bad fields, changing nothing', async () => {
    await claim({ admissionDate: '2023-07-01', dischargeDate: '2023-07-03' });
    await t
      .post('/institution-settlements', { institutionId, month: '2099-01' }, 'finance')
      .expect(422)
      .expect((r) => expect(r.body.code).toBe('month-not-ended'));
    await t
      .post('/institution-settlements', { institutionId, month: '2023-13' }, 'finance')
      .expect(400)
      .expect((r) => expect(r.body.errors[0].field).toBe('month'));
    await t
      .post(
        `/institution-settlements/ist-${institutionId}-2022-01/payment`,
        { paidOn: today, bankReference: 'X' },
        'finance',
      )
      .expect(404);
    await t
      .post('/institution-settlements', { institutionId, month: '2023-07' }, 'clerk')
      .expect(403);
    const all = await t.get(`/institution-settlements?month=2099-01`, 'finance').expect(200);
    expect(all.body.settlements).toEqual([]);
  });

  it('never lets two settlements take one claim, and replays a retried settlement by its Idempotency-Key', async () => {
    const july = await claim({ admissionDate: '2023-07-10', dischargeDate: '2023-07-12' });
    // August and September both reach back to July: whichever is recorded second sees the first
    const [august, september] = await Promise.all([
      t.post('/institution-settlements', { institutionId, month: '2023-08' }, 'finance'),
      t.post('/institution-settlements', { institutionId, month: '2023-09' }, 'finance'),
    ]);
    expect([august.status, september.status]).toEqual([201, 201]);
    const taken = [...august.body.claimIds, ...september.body.claimIds] as string[];
    expect(taken.filter((id) => id === july.claimId)).toHaveLength(1);
    expect(new Set(taken).size).toBe(taken.length);

    const first = await t
      .post(
        '/institution-settlements',
        { institutionId, month: '2023-10' },
        'finance',
        'settle-oct',
      )
      .expect(201);
    const again = await t
      .post(
        '/institution-settlements',
        { institutionId, month: '2023-10' },
        'finance',
        'settle-oct',
      )
      .expect(201);
    expect(again.body).toEqual(first.body);
    const october = await t
      .get(`/institution-settlements?institutionId=${institutionId}&month=2023-10`, 'finance')
      .expect(200);
    expect(october.body.settlements).toHaveLength(1);
  });

  it('shows the payable and the payout in the monthly statements', async () => {
    // the payable is in the statements of 2023, when the claims were owed, and the payout in today's year
    const y2023 = await t
      .get('/funds/statements?regionCode=370800&year=2023', 'finance')
      .expect(200);
    const owed = y2023.body.funds.find(
      (f: { account: string }) => f.account === `payable:institution:${institutionId}`,
    );
    const march = owed.months.find((m: { month: string }) => m.month === '2023-03');
    expect(march.income).toEqual({ claims: 420000 });
    const year = today.slice(0, 4);
    const res = await t
      .get(`/funds/statements?regionCode=370800&year=${year}`, 'finance')
      .expect(200);
    const payableFund = res.body.funds.find(
      (f: { account: string }) => f.account === `payable:institution:${institutionId}`,
    );
    expect(payableFund.kind).toBe('institution-payable');
    const now = payableFund.months.find((m: { month: string }) => m.month === today.slice(0, 7));
    // recorded today: the correction's and the reversal's recoveries, and the payout
    expect(now.expense).toEqual({
      'correction:recovered': 120000,
      reversal: 300000,
      payout: 1500000,
    });
    // the closing balance is the payable the postings ledger holds
    expect(now.closingBalanceFen).toBe(await payable());
  });
});
