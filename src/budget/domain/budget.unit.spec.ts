import { describe, expect, it } from '@jest/globals';
import { fundBudget, monthsOfReserve } from './budget.js';

// A basic fund worked by hand. Year 2023 (365 days), D = 2023-06-30 (day 181).
// income to date 60,000,000 fen; expense to date 30,000,000 fen; balance 45,000,000 fen.
// elapsed months = 12 x 181 / 365 = 5.9507; monthly expense = 30,000,000 / 5.9507 = 5,041,436.5
// months of reserve = 45,000,000 / 5,041,436.5 = 8.9260 -> 8.93 (warning < 6 <= normal <= 15)
// projected year-end expense = round(30,000,000 x 365 / 181) = round(60,497,237.569) = 60,497,238
// projected year-end balance = 45,000,000 - (60,497,238 - 30,000,000) = 14,502,762
const thresholds = { criticalBelowMonths: 3, warningBelowMonths: 6, excessAboveMonths: 15 };
const totals = { incomeToDateFen: 60000000n, expenseToDateFen: 30000000n, balanceFen: 45000000n };

describe('budget and reserve (基金运行分析)', () => {
  it('computes months of reserve, risk level and the run-rate projection of POLICY.md', () => {
    expect(
      fundBudget(totals, '2023-06-30', thresholds, { costGrowthBp: 0, headcountChangeBp: 0 }),
    ).toEqual({
      ...totals,
      monthsOfReserve: 8.93,
      riskLevel: 'normal',
      projectedYearEndExpenseFen: 60497238n,
      projectedYearEndBalanceFen: 14502762n,
    });
  });

  it('scales the rest of the year by the scenario: +10% cost, -5% headcount', () => {
    // rest = 30,497,237.569 x 1.10 x 0.95 = 31,869,613.26 -> 31,869,613
    const b = fundBudget(totals, '2023-06-30', thresholds, {
      costGrowthBp: 1000,
      headcountChangeBp: -500,
    });
    expect(b.projectedYearEndExpenseFen).toBe(30000000n + 31869613n);
    expect(b.projectedYearEndBalanceFen).toBe(45000000n - 31869613n);
  });

  it('gives no months while nothing was spent, and grades the levels at their thresholds', () => {
    expect(monthsOfReserve(1000n, 0n, '2023-03-01')).toBeNull();
    expect(
      fundBudget(
        { incomeToDateFen: 1000n, expenseToDateFen: 0n, balanceFen: 1000n },
        '2023-03-01',
        thresholds,
        { costGrowthBp: 0, headcountChangeBp: 0 },
      ).riskLevel,
    ).toBe('excess');
    // D = 2023-12-31 (day 365): months = 12 x balance / expense
    const at = (balance: bigint) =>
      fundBudget(
        { incomeToDateFen: 0n, expenseToDateFen: 1200n, balanceFen: balance },
        '2023-12-31',
        thresholds,
        { costGrowthBp: 0, headcountChangeBp: 0 },
      );
    expect(at(299n)).toMatchObject({ monthsOfReserve: 2.99, riskLevel: 'critical' });
    expect(at(300n)).toMatchObject({ monthsOfReserve: 3, riskLevel: 'warning' });
    expect(at(600n)).toMatchObject({ monthsOfReserve: 6, riskLevel: 'normal' });
    expect(at(1501n)).toMatchObject({ monthsOfReserve: 15.01, riskLevel: 'excess' });
    expect(at(-300n)).toMatchObject({ monthsOfReserve: -3, riskLevel: 'critical' });
  });

  it('stays exact past 2^53 fen: a fund with 2 x 10^16 spent and 3 x 10^16 left', () => {
    // D = 2023-12-31: nothing of the year remains, months = 12 x 3 / 2 = 18 (excess)
    const big = {
      incomeToDateFen: 50_000_000_000_000_001n,
      expenseToDateFen: 20_000_000_000_000_001n,
      balanceFen: 30_000_000_000_000_000n,
    };
    expect(
      fundBudget(big, '2023-12-31', thresholds, { costGrowthBp: 0, headcountChangeBp: 0 }),
    ).toEqual({
      ...big,
      monthsOfReserve: 18,
      riskLevel: 'excess',
      projectedYearEndExpenseFen: 20_000_000_000_000_001n,
      projectedYearEndBalanceFen: 30_000_000_000_000_000n,
    });
  });
});
