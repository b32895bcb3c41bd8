import { dayOfYear, daysInYear } from '../../shared/domain/local-date.js';
import { roundHalfUp } from '../../policy/domain/money.js';

// Budget and reserve (基金运行分析与风险预警), POLICY.md "Budget and reserve". Pure: the fund's
// postings totals by business date come in, the figures go out, exact in bigint (totals are
// bigint too: a fund's sums can pass 2^53 fen).

export type RiskLevel = 'critical' | 'warning' | 'normal' | 'excess';

export interface ReserveThresholds {
  readonly criticalBelowMonths: number;
  readonly warningBelowMonths: number;
  readonly excessAboveMonths: number;
}

export interface Scenario {
  /** growth of the cost per claim over the rest of the year, basis points (e.g. 500 = +5%) */
  readonly costGrowthBp: number;
  /** change of the enrolled headcount over the rest of the year, basis points (e.g. -200 = -2%) */
  readonly headcountChangeBp: number;
}

export interface FundTotals {
  readonly incomeToDateFen: bigint; // credits with business dates 1 January .. D
  readonly expenseToDateFen: bigint; // debits with business dates 1 January .. D
  readonly balanceFen: bigint; // credits - debits with business dates up to D
}

export interface FundBudget extends FundTotals {
  readonly monthsOfReserve: number | null;
  readonly riskLevel: RiskLevel;
  readonly projectedYearEndExpenseFen: bigint;
  readonly projectedYearEndBalanceFen: bigint;
}

/** Months of reserve to two decimals: balance / (expense / elapsedMonths), rounded half away from zero. */
export function monthsOfReserve(
  balanceFen: bigint,
  expenseToDateFen: bigint,
  asOfDate: string,
): number | null {
  if (expenseToDateFen === 0n) return null;
  const day = BigInt(dayOfYear(asOfDate));
  const year = BigInt(daysInYear(Number(asOfDate.slice(0, 4))));
  // balance * 12 * day / (daysInYear * expense), in hundredths
  const numerator = balanceFen * 12n * day * 100n;
  const denominator = year * expenseToDateFen;
  const magnitude = roundHalfUp(numerator < 0n ? -numerator : numerator, denominator);
  const hundredths = numerator < 0n ? -magnitude : magnitude;
  return Number(hundredths) / 100;
}

export function riskLevel(
  months: number | null,
  balanceFen: bigint,
  t: ReserveThresholds,
): RiskLevel {
  if (months === null) return balanceFen > 0n ? 'excess' : balanceFen < 0n ? 'critical' : 'normal';
  if (months < t.criticalBelowMonths) return 'critical';
  if (months < t.warningBelowMonths) return 'warning';
  if (months > t.excessAboveMonths) return 'excess';
  return 'normal';
}

/**
 * Run-rate projection: projectedYearEndExpense = round(expense * daysInYear / dayOfYear(D)). The
 * scenario scales the rest of the year's expense by (1 + costGrowth) x (1 + headcountChange),
 * rounded once: projected = expense + round(rest x (10000 + g) x (10000 + h) / 10000²).
 * projectedYearEndBalance = balance - (projected - expense): contributions are collected before
 * the year starts and future appropriations are not assumed.
 */
export function fundBudget(
  totals: FundTotals,
  asOfDate: string,
  thresholds: ReserveThresholds,
  scenario: Scenario,
): FundBudget {
  const day = BigInt(dayOfYear(asOfDate));
  const year = BigInt(daysInYear(Number(asOfDate.slice(0, 4))));
  const expense = totals.expenseToDateFen;
  const runRateNumerator = expense * year; // / day
  const restNumerator = runRateNumerator - expense * day; // rest of the year x day
  const factor = BigInt(10000 + scenario.costGrowthBp) * BigInt(10000 + scenario.headcountChangeBp);
  const rest = roundHalfUp(restNumerator * factor, day * 100_000_000n);
  const projected = totals.expenseToDateFen + rest;
  const months = monthsOfReserve(totals.balanceFen, totals.expenseToDateFen, asOfDate);
  return {
    ...totals,
    monthsOfReserve: months,
    riskLevel: riskLevel(months, totals.balanceFen, thresholds),
    projectedYearEndExpenseFen: projected,
    projectedYearEndBalanceFen: totals.balanceFen - rest,
  };
}
