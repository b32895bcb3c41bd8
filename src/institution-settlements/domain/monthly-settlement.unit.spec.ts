import { describe, expect, it } from '@jest/globals';
import type { FundShares } from '../../claims/domain/fund-shares.js';
import { Refusal } from '../../shared/domain/refusal.js';
import { institutionFacts, type ClaimEvent } from './institution-facts.js';
import { monthEnded, recoveriesOpen } from './monthly-settlement.js';
import { decidePaySettlement } from './pay-settlement.decider.js';
import { decideSettleMonth } from './settle-month.decider.js';
import { emptyHistory, evolveHistory, type SettlementHistory } from './settlement-history.js';

// POLICY.md "Settlement with institutions and payouts", worked in fen for institution H1.

const shares = (basicFen: number, criticalIllnessFen = 0, assistanceFen = 0, reAssistanceFen = 0) =>
  ({ basicFen, criticalIllnessFen, assistanceFen, reAssistanceFen }) satisfies FundShares;

const settled = (
  claimId: string,
  position: number,
  businessDate: string,
  s: FundShares,
): ClaimEvent => ({
  type: 'ClaimSettled',
  position,
  data: { claimId, businessDate, breakdown: { ...s, personalFen: 0 } },
});
const reversed = (claimId: string, position: number, s: FundShares): ClaimEvent => ({
  type: 'ClaimReversed',
  position,
  data: { claimId, returned: s },
});
const corrected = (claimId: string, position: number, recovered: FundShares): ClaimEvent => ({
  type: 'ClaimCorrected',
  position,
  data: { claimId, recovered },
});

function settle(events: ClaimEvent[], history: SettlementHistory, month: string, today: string) {
  return decideSettleMonth(
    {
      settlementId: `ist-H1-${month}`,
      institutionId: 'H1',
      month,
      today,
      throughPosition: Math.max(0, ...events.map((e) => e.position)),
      facts: institutionFacts(events),
    },
    history,
  );
}

function refusalOf(f: () => unknown): Refusal {
  try {
    f();
  } catch (e) {
    if (e instanceof Refusal) return e;
    throw e;
  }
  throw new Error('no refusal');
}

// March: claim A (420,000 basic) settled and taken by March's settlement.
const march = [settled('A', 10, '2023-03-20', shares(420000))];
const afterMarch = evolveHistory(
  emptyHistory(),
  {
    type: 'InstitutionSettlementApproved',
    data: settle(march, emptyHistory(), '2023-03', '2023-04-01'),
  },
  11,
);

// April: B and C settled; A (taken in March) reversed; B corrected: 60,000 basic recovered,
// 12,000 critical illness owed to H1; D is dated May.
const april = [
  ...march,
  settled('B', 20, '2023-04-10', shares(300000, 50000)),
  settled('C', 25, '2023-04-28', shares(100000)),
  reversed('A', 30, shares(420000)),
  corrected('B', 35, shares(60000, -12000)),
  settled('D', 40, '2023-05-02', shares(200000)),
];

describe('monthly settlement (月结)', () => {
  it("takes the month's claims and those before it not yet taken, and offsets recoveries oldest first until the fund's gross is used", () => {
    const a = settle(april, afterMarch, '2023-04', '2023-05-01');
    expect(a.claims.map((c) => c.claimId)).toEqual(['B', 'C']);
    // gross basic 300,000 + 100,000 = 400,000; critical illness 50,000 + 12,000 owed = 62,000
    expect(a.grossFen).toEqual(shares(400000, 62000));
    // A's 420,000 is offset for 400,000 only: its other 20,000 and B's 60,000 carry over
    expect(a.offsets).toEqual([{ claimId: 'A', position: 30, fund: 'basic', amountFen: 400000 }]);
    expect(a.offsetsFen).toEqual(shares(400000));
    expect(a.netByFundFen).toEqual(shares(0, 62000));
    expect(a.netFen).toBe(62000);
    const afterApril = evolveHistory(
      afterMarch,
      { type: 'InstitutionSettlementApproved', data: a },
      41,
    );
    expect(recoveriesOpen(institutionFacts(april), afterApril)).toEqual({
      basic: 80000,
      'critical-illness': 0,
      assistance: 0,
      're-assistance': 0,
    });

    // May: D (200,000) less the 20,000 left of A and B's 60,000: net 120,000
    const may = settle(april, afterApril, '2023-05', '2023-06-01');
    expect(may.claims.map((c) => c.claimId)).toEqual(['D']);
    expect(may.offsets).toEqual([
      { claimId: 'A', position: 30, fund: 'basic', amountFen: 20000 },
      { claimId: 'B', position: 35, fund: 'basic', amountFen: 60000 },
    ]);
    expect(may.netFen).toBe(120000);
  });

  it('collects a claim submitted late (dated in an earlier month) into the next settlement', () => {
    const late = [...march, settled('L', 50, '2023-02-27', shares(7000))];
    expect(settle(late, afterMarch, '2023-04', '2023-05-01').claims.map((c) => c.claimId)).toEqual([
      'L',
    ]);
  });

  it('collects a claim reversed before its month is settled, and offsets its reversal', () => {
    const events = [settled('R', 5, '2023-06-03', shares(90000)), reversed('R', 6, shares(90000))];
    const a = settle(events, emptyHistory(), '2023-06', '2023-07-01');
    expect(a.claims.map((c) => c.claimId)).toEqual(['R']);
    expect(a.grossFen.basicFen).toBe(90000);
    expect(a.offsetsFen.basicFen).toBe(90000);
    expect(a.netFen).toBe(0);
  });

  it('refuses a month that has not ended in Asia/Shanghai as month-not-ended', () => {
    expect(monthEnded('2023-04', '2023-04-30')).toBe(false);
    expect(monthEnded('2023-04', '2023-05-01')).toBe(true);
    expect(monthEnded('2024-02', '2024-02-29')).toBe(false);
    expect(refusalOf(() => settle(april, afterMarch, '2023-04', '2023-04-30'))).toMatchObject({
      kind: 'refused',
      code: 'month-not-ended',
    });
  });

  it('refuses a second settlement of the same month as already-settled', () => {
    expect(refusalOf(() => settle(april, afterMarch, '2023-03', '2023-06-01'))).toMatchObject({
      kind: 'conflict',
      code: 'already-settled',
    });
  });
});

describe('payment (拨付)', () => {
  const a = settle(april, afterMarch, '2023-04', '2023-05-01');
  const approved = evolveHistory(
    afterMarch,
    { type: 'InstitutionSettlementApproved', data: a },
    41,
  );
  const pay = { settlementId: 'ist-H1-2023-04', paidOn: '2023-05-10', bankReference: 'B-77' };

  it("moves exactly the net from the payable to the institution's bank", () => {
    expect(decidePaySettlement(pay, approved)).toMatchObject({
      netFen: 62000,
      postings: [
        { account: 'payable:institution:H1', debitFen: 62000, creditFen: 0 },
        { account: 'external:institution-bank:H1', debitFen: 0, creditFen: 62000 },
      ],
    });
  });

  it('refuses a second payment as already-paid, and an unknown settlement as not-found', () => {
    const paid = evolveHistory(
      approved,
      { type: 'InstitutionSettlementPaid', data: decidePaySettlement(pay, approved) },
      42,
    );
    expect(refusalOf(() => decidePaySettlement(pay, paid))).toMatchObject({ code: 'already-paid' });
    expect(
      refusalOf(() => decidePaySettlement({ ...pay, settlementId: 'ist-H1-2023-09' }, paid)),
    ).toMatchObject({ kind: 'not-found' });
  });

  it('refuses a payment dated before the approval naming paidOn', () => {
    expect(
      refusalOf(() => decidePaySettlement({ ...pay, paidOn: '2023-04-30' }, approved)),
    ).toMatchObject({
      kind: 'invalid',
      field: 'paidOn',
    });
  });
});
