import { daysInMonth } from '../../shared/domain/local-date.js';

// The business-date ranges reconciled: a hospital's month (YYYY-MM) and the treasury's quarter
// (YYYY-Qn), each as its first and last calendar day, both inclusive.

export interface DateRange {
  readonly from: string;
  readonly to: string;
}

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;
const quarterPattern = /^(\d{4})-Q([1-4])$/;

export const isMonth = (value: unknown): value is string =>
  typeof value === 'string' && monthPattern.test(value) && value >= '1900-01';

export const isQuarter = (value: unknown): value is string =>
  typeof value === 'string' && quarterPattern.test(value) && value >= '1900-Q1';

const pad = (n: number) => String(n).padStart(2, '0');

function lastDay(year: number, month: number): string {
  return `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`;
}

/** 2023-02 -> 2023-02-01 .. 2023-02-28 */
export function monthRange(month: string): DateRange {
  const match = monthPattern.exec(month);
  if (!match) throw new RangeError(`not a month YYYY-MM: ${month}`);
  const year = Number(match[1]);
  const m = Number(match[2]);
  return { from: `${year}-${pad(m)}-01`, to: lastDay(year, m) };
}

/** 2023-Q2 -> 2023-04-01 .. 2023-06-30 */
export function quarterRange(quarter: string): DateRange {
  const match = quarterPattern.exec(quarter);
  if (!match) throw new RangeError(`not a quarter YYYY-Qn: ${quarter}`);
  const year = Number(match[1]);
  const first = (Number(match[2]) - 1) * 3 + 1;
  return { from: `${year}-${pad(first)}-01`, to: lastDay(year, first + 2) };
}
