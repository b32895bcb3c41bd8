import { describe, expect, it } from '@jest/globals';
import { bodyFault } from './body-discipline.js';
import { fenFault, fenMax, textFault } from './input-rules.js';
import { localDateFault } from './local-date.validator.js';

describe('the input rules of API.md 1.1', () => {
  it('takes "today" in Asia/Shanghai: at 16:30 UTC on 2 December it is already 3 December', () => {
    const now = new Date('2026-12-02T16:30:00Z');
    expect(localDateFault('2026-12-03', {}, now)).toBeUndefined();
    expect(localDateFault('2026-12-04', {}, now)).toBe(
      'must not be after today (2026-12-03, Asia/Shanghai)',
    );
    expect(localDateFault('2026-12-04', { future: true }, now)).toBeUndefined();
    expect(localDateFault('1900-01-01', {}, now)).toBeUndefined();
    expect(localDateFault('1899-12-31', {}, now)).toBe('must not be before 1900-01-01');
    expect(localDateFault('2023-02-30', {}, now)).toBe('must be a calendar date YYYY-MM-DD');
  });

  it('bounds money at 10^13 fen, integers only, from the given lower bound', () => {
    expect(fenFault(fenMax, 1)).toBeUndefined();
    expect(fenFault(fenMax + 1, 1)).toBeDefined();
    expect(fenFault(0, 1)).toBeDefined();
    expect(fenFault(0, 0)).toBeUndefined();
    for (const bad of [1.5, Infinity, NaN, '100', -1]) expect(fenFault(bad, 0)).toBeDefined();
  });

  it('refuses text that is blank, too long or carries control characters', () => {
    expect(textFault('张三', 200)).toBeUndefined();
    expect(textFault(' \u3000 ', 200)).toBe('must not be empty or only whitespace');
    expect(textFault('x'.repeat(65), 64)).toBe('must be at most 64 characters');
    for (const bad of ['\u0000', '\u001b', '\u0085', '\ud800', '\u202e', 'a\u2028b'])
      expect(textFault(bad, 200)).toBe('must not contain control characters');
  });

  it('names the first structural fault of a body: depth, prototype keys, non-finite numbers', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20; i += 1) deep = { a: deep };
    expect(bodyFault(deep)?.message).toBe('is nested deeper than 16 levels');
    expect(bodyFault(JSON.parse('{"x":{"__proto__":{}}}'))?.field).toBe('x.__proto__');
    expect(bodyFault({ claims: [{ totalCostFen: Infinity }] })).toEqual({
      field: 'claims.0.totalCostFen',
      message: 'must be a finite number',
    });
    expect(bodyFault([1])).toEqual({ field: 'body', message: 'must be a JSON object' });
    expect(bodyFault({ name: '张三', n: 1, list: [1, 'a'] })).toBeUndefined();
  });
});
