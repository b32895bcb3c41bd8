import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, addMonthsClamped, dayOfYear, daysInYear, firstDayOfNextMonth, isLocalDate } from './local-date.js';

describe('calendar dates', () => {
  it('accepts only dates that exist', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2023-02-29')).toBe(false);
    expect(isLocalDate('2023-02-30')).toBe(false);
    expect(isLocalDate('2023-13-01')).toBe(false);
    expect(isLocalDate('2023-1-01')).toBe(false);
  });

  it('adds months on the same day, clamped to the end of the month', () => {
    expect(addMonthsClamped('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonthsClamped('2023-01-31', 3)).toBe('2023-04-30');
    expect(addMonthsClamped('2023-03-10', 6)).toBe('2023-09-10');
    expect(addMonthsClamped('2023-11-30', 3)).toBe('2024-02-29');
  });

  it('steps days and months across year ends, and counts days of the year', () => {
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(firstDayOfNextMonth('2023-12-15')).toBe('2024-01-01');
    expect(dayOfYear('2023-12-31')).toBe(365);
    expect(dayOfYear('2024-12-31')).toBe(366);
    expect(daysInYear(2100)).toBe(365);
    expect(daysInYear(2000)).toBe(366);
  });

  it('never leaves the target month when adding months (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 36 }), (y, m, d, n) => {
        const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        fc.pre(isLocalDate(date));
        const result = addMonthsClamped(date, n);
        expect(isLocalDate(result)).toBe(true);
        const months = (Number(result.slice(0, 4)) - y) * 12 + Number(result.slice(5, 7)) - m;
        expect(months).toBe(n);
        expect(Number(result.slice(8))).toBeLessThanOrEqual(d);
      }),
    );
  });
});
