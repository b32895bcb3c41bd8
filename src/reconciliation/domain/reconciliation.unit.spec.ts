import { describe, expect, it } from '@jest/globals';
import { reconcileAssistanceFund } from './assistance-fund-reconciliation.js';
import { reconcileCollections } from './collections-reconciliation.js';
import { reconcileInstitution } from './institution-reconciliation.js';
import { poolingCity } from '../../shared/domain/pooling-region.js';
import { monthRange, quarterRange } from './reconciliation-periods.js';

describe('reconciliation, worked examples in fen', () => {
  it('a hospital file: one match, each amount named where it differs, both sides missing, totals', () => {
    const r = reconcileInstitution(
      [
        { invoiceNo: 'A', totalCostFen: 1000000, fundPaidFen: 420000 },
        { invoiceNo: 'B', totalCostFen: 510000, fundPaidFen: 175000 },
        { invoiceNo: 'X', totalCostFen: 50000, fundPaidFen: 30000 },
      ],
      [
        { invoiceNo: 'F', totalCostFen: 400000, fundPaidFen: 180000 },
        { invoiceNo: 'B', totalCostFen: 500000, fundPaidFen: 180000 },
        { invoiceNo: 'A', totalCostFen: 1000000, fundPaidFen: 420000 },
      ],
    );
    expect(r).toEqual({
      matched: 1,
      mismatched: [
        { invoiceNo: 'B', field: 'totalCostFen', fileFen: 510000, ledgerFen: 500000 },
        { invoiceNo: 'B', field: 'fundPaidFen', fileFen: 175000, ledgerFen: 180000 },
      ],
      missingInLedger: ['X'],
      missingInFile: ['F'],
      totals: {
        file: { count: 3, totalCostFen: 1560000, fundPaidFen: 625000 },
        ledger: { count: 3, totalCostFen: 1900000, fundPaidFen: 780000 },
        agree: false,
      },
      agree: false,
    });
  });

  it('lines can all differ while the totals agree: the totals alone do not make agreement', () => {
    const r = reconcileInstitution(
      [
        { invoiceNo: 'A', totalCostFen: 100, fundPaidFen: 60 },
        { invoiceNo: 'B', totalCostFen: 200, fundPaidFen: 40 },
      ],
      [
        { invoiceNo: 'A', totalCostFen: 100, fundPaidFen: 40 },
        { invoiceNo: 'B', totalCostFen: 200, fundPaidFen: 60 },
      ],
    );
    expect(r.totals.agree).toBe(true);
    expect(r.agree).toBe(false);
    expect(r.mismatched).toHaveLength(2);
  });

  it("a collector's file: amount and date named apart", () => {
    const r = reconcileCollections(
      [
        { receiptNo: 'R1', amountFen: 38000, paidOn: '2022-12-01' },
        { receiptNo: 'R2', amountFen: 30000, paidOn: '2022-12-02' },
      ],
      [
        { receiptNo: 'R1', amountFen: 38000, paidOn: '2022-12-01' },
        { receiptNo: 'R2', amountFen: 38000, paidOn: '2022-12-01' },
      ],
    );
    expect(r.mismatched).toEqual([
      { receiptNo: 'R2', field: 'amountFen', fileFen: 30000, ledgerFen: 38000 },
      { receiptNo: 'R2', field: 'paidOn', fileDate: '2022-12-02', ledgerDate: '2022-12-01' },
    ]);
    expect(r.totals).toEqual({
      file: { count: 2, amountFen: 68000 },
      ledger: { count: 2, amountFen: 76000 },
      agree: false,
    });
  });

  it("the treasury's quarter: the difference is treasury minus ledger, per figure", () => {
    const r = reconcileAssistanceFund(
      { incomeFen: 300000000, expenseFen: 1285950, closingBalanceFen: 398676050 },
      { incomeFen: 300000000, expenseFen: 1000000, closingBalanceFen: 398962000 },
    );
    expect(r.differenceFen).toEqual({
      incomeFen: 0,
      expenseFen: -285950,
      closingBalanceFen: 285950,
    });
    expect(r.agree).toBe(false);
  });

  it('periods: months and quarters as calendar days, leap years included', () => {
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthRange('2023-02')).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(quarterRange('2023-Q1')).toEqual({ from: '2023-01-01', to: '2023-03-31' });
    expect(quarterRange('2023-Q4')).toEqual({ from: '2023-10-01', to: '2023-12-31' });
    expect(() => monthRange('2023-13')).toThrow(RangeError);
    expect(() => quarterRange('2023-Q5')).toThrow(RangeError);
  });

  it('pooling regions: a county pools in its city, a city and a province are their own', () => {
    expect(poolingCity('370811')).toBe('370800');
    expect(poolingCity('370800')).toBe('370800');
    expect(poolingCity('340000')).toBe('340000');
  });
});
