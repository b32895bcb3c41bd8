import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  addDays,
  addMonthsClamped,
  compareDates,
  dayOfYear,
  daysInMonth,
  daysInYear,
  endOfYear,
  firstDayOfNextMonth,
  isLocalDate,
  maxDate,
  minDate,
  requireLocalDate,
  startOfYear,
  yearOf,
} from './local-date.js';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const ymd = (y: number, m: number, d: number): string => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;

/** Any real date from 1900-01-01 to 2100-12-31. */
const realDate = fc
  .record({
    y: fc.integer({ min: 1900, max: 2100 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => ymd(y, m, Math.min(d, daysInMonth(y, m))));

describe('calendar dates (YYYY-MM-DD)', () => {
  it('accepts only dates that exist, written with 4-2-2 digits', () => {
    expect(isLocalDate('2024-02-29')).toBe(true); // leap year
    expect(isLocalDate('2000-02-29')).toBe(true); // divisible by 400: leap
    expect(isLocalDate('1900-02-29')).toBe(false); // divisible by 100 only: not leap
    expect(isLocalDate('2023-02-29')).toBe(false);
    expect(isLocalDate('2023-02-30')).toBe(false);
    expect(isLocalDate('2023-04-31')).toBe(false);
    expect(isLocalDate('2023-13-01')).toBe(false);
    expect(isLocalDate('2023-00-10')).toBe(false);
    expect(isLocalDate('2023-01-00')).toBe(false);
    expect(isLocalDate('0000-01-01')).toBe(false);
    expect(isLocalDate('2023-1-01')).toBe(false);
    expect(isLocalDate('2023-01-01T00:00:00Z')).toBe(false);
    expect(isLocalDate(' 2023-01-01')).toBe(false);
    expect(isLocalDate(20230101)).toBe(false);
    expect(isLocalDate(undefined)).toBe(false);
  });

  it('throws a RangeError from every helper given an invalid date', () => {
    expect(() => requireLocalDate('2023-02-30')).toThrow(RangeError);
    expect(() => addDays('2023-02-30', 1)).toThrow(RangeError);
    expect(() => addMonthsClamped('2023-02-30', 1)).toThrow(RangeError);
    expect(() => compareDates('2023-01-01', '2023-1-1')).toThrow(RangeError);
    expect(() => addDays('2023-01-01', 0.5)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => startOfYear(0)).toThrow(RangeError);
  });

  it('compares, and picks the earlier and the later of two dates', () => {
    expect(compareDates('2022-12-31', '2023-01-01')).toBe(-1);
    expect(compareDates('2023-01-01', '2023-01-01')).toBe(0);
    expect(compareDates('2023-10-02', '2023-09-30')).toBe(1);
    expect(maxDate('2022-12-20', '2023-01-01')).toBe('2023-01-01');
    expect(minDate('2022-12-20', '2023-01-01')).toBe('2022-12-20');
  });

  it('adds months on the same day, clamped to the end of the month: 2023-08-31 + 6 = 2024-02-29', () => {
    expect(addMonthsClamped('2023-08-31', 6)).toBe('2024-02-29'); // leap February
    expect(addMonthsClamped('2024-08-31', 6)).toBe('2025-02-28'); // common February
    expect(addMonthsClamped('2023-01-31', 3)).toBe('2023-04-30'); // 30-day month
    expect(addMonthsClamped('2023-03-10', 6)).toBe('2023-09-10');
    expect(addMonthsClamped('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonthsClamped('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonthsClamped('2023-07-15', 0)).toBe('2023-07-15');
    expect(addMonthsClamped('2023-03-31', -1)).toBe('2023-02-28');
    expect(addMonthsClamped('2023-01-15', -1)).toBe('2022-12-15');
  });

  it('steps days across month, year and leap-day boundaries', () => {
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2023-01-01', 365)).toBe('2024-01-01');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
    expect(addDays('1970-01-01', -1)).toBe('1969-12-31');
  });

  it('finds the first day of the next month, the year, its first and last day', () => {
    expect(firstDayOfNextMonth('2023-05-20')).toBe('2023-06-01');
    expect(firstDayOfNextMonth('2023-12-15')).toBe('2024-01-01');
    expect(firstDayOfNextMonth('2024-01-31')).toBe('2024-02-01');
    expect(yearOf('2023-07-04')).toBe(2023);
    expect(startOfYear(2023)).toBe('2023-01-01');
    expect(endOfYear(2023)).toBe('2023-12-31');
  });

  it('counts days of the year: 1 January is day 1, 31 December day 365 or 366', () => {
    expect(dayOfYear('2023-01-01')).toBe(1);
    expect(dayOfYear('2023-03-01')).toBe(60); // 31 + 28 + 1
    expect(dayOfYear('2024-03-01')).toBe(61); // 31 + 29 + 1
    expect(dayOfYear('2023-12-31')).toBe(365);
    expect(dayOfYear('2024-12-31')).toBe(366);
    expect(daysInYear(2023)).toBe(365);
    expect(daysInYear(2024)).toBe(366);
    expect(daysInYear(2100)).toBe(365);
    expect(daysInYear(2000)).toBe(366);
  });

  it('never overflows into another month when adding months, and keeps the day unless clamped (property)', () => {
    fc.assert(
      fc.property(realDate, fc.integer({ min: -120, max: 120 }), (date, n) => {
        const [y, m, d] = date.split('-').map(Number);
        const result = addMonthsClamped(date, n);
        expect(isLocalDate(result)).toBe(true);
        const [ry, rm, rd] = result.split('-').map(Number);
        expect((ry - y) * 12 + (rm - m)).toBe(n);
        expect(rd).toBe(Math.min(d, daysInMonth(ry, rm)));
      }),
    );
  });

  it('agrees with UTC calendar arithmetic for addDays and dayOfYear (property)', () => {
    fc.assert(
      fc.property(realDate, fc.integer({ min: -100000, max: 100000 }), (date, n) => {
        const [y, m, d] = date.split('-').map(Number);
        const utc = new Date(Date.UTC(y, m - 1, d + n));
        const expected = ymd(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
        expect(addDays(date, n)).toBe(expected);
        expect(addDays(addDays(date, n), -n)).toBe(date);
        expect(compareDates(addDays(date, n), date)).toBe(Math.sign(n) + 0); // + 0: never -0
        expect(dayOfYear(date)).toBe((Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86400000 + 1);
      }),
    );
  });
});
