import { describe, expect, it } from '@jest/globals';
import { coverageRefusal, coverageTerms, enrollmentRefusal } from './enrollment-terms.js';

// Rules of 370800-2023: centralized deadline 2022-12-31, newborn grace 3 months, late waiting 6 months.
const rules = { centralizedDeadline: '2022-12-31', newbornGraceMonths: 3, lateWaitingMonths: 6 };
const coverage = { start: '2023-01-01', end: '2023-12-31' };
const adult = '1980-05-06';

describe('enrollment channels and when benefits start', () => {
  it('covers a centralized enrollee for the whole year, open up to and including the deadline', () => {
    expect(enrollmentRefusal(rules, 'centralized', { birthDate: adult, onDate: '2022-12-31' })).toBeNull();
    expect(enrollmentRefusal(rules, 'centralized', { birthDate: adult, onDate: '2023-01-01' })).toBe('centralized-period-closed');
    expect(coverageTerms(rules, coverage, 'centralized', { birthDate: adult, paidOn: '2022-10-01' })).toEqual({ coverageStart: '2023-01-01', coverageEnd: '2023-12-31', benefitsFrom: '2023-01-01' });
  });

  it('covers a newborn from birth within 3 calendar months (born 31 January: last day 30 April)', () => {
    const born = '2023-01-31';
    expect(enrollmentRefusal(rules, 'newborn', { birthDate: born, onDate: '2023-04-30' })).toBeNull();
    expect(enrollmentRefusal(rules, 'newborn', { birthDate: born, onDate: '2023-05-01' })).toBe('newborn-grace-expired');
    expect(coverageTerms(rules, coverage, 'newborn', { birthDate: born, paidOn: '2023-04-30' }).coverageStart).toBe('2023-01-31');
    // born in December of the year before: coverage moves to 1 January
    expect(coverageTerms(rules, coverage, 'newborn', { birthDate: '2022-12-20', paidOn: '2023-01-10' }).coverageStart).toBe('2023-01-01');
  });

  it('covers special-late from the day after payment and transfer-in from the first of the next month', () => {
    expect(coverageTerms(rules, coverage, 'special-late', { birthDate: adult, paidOn: '2023-05-20' })).toMatchObject({ coverageStart: '2023-05-21', benefitsFrom: '2023-05-21' });
    expect(coverageTerms(rules, coverage, 'transfer-in', { birthDate: adult, paidOn: '2023-05-20' })).toMatchObject({ coverageStart: '2023-06-01', benefitsFrom: '2023-06-01' });
  });

  it('makes a late enrollee wait 6 months: benefits the day after paidOn + 6 months, clamped to the month end', () => {
    expect(coverageTerms(rules, coverage, 'late', { birthDate: adult, paidOn: '2023-03-10' })).toEqual({ coverageStart: '2023-03-11', coverageEnd: '2023-12-31', benefitsFrom: '2023-09-11' });
    // 2023-08-31 + 6 months = 2024-02-29 (clamped), benefits 2024-03-01: after the coverage year ends
    expect(coverageTerms(rules, coverage, 'late', { birthDate: adult, paidOn: '2023-08-31' }).benefitsFrom).toBe('2024-03-01');
  });

  it('refuses claims outside coverage, in the waiting period, and after death (the date of death is covered)', () => {
    const late = coverageTerms(rules, coverage, 'late', { birthDate: adult, paidOn: '2023-03-10' });
    expect(coverageRefusal(undefined, '2023-05-01', null)).toBe('not-covered');
    expect(coverageRefusal(late, '2023-03-10', null)).toBe('not-covered');
    expect(coverageRefusal(late, '2023-09-10', null)).toBe('waiting-period');
    expect(coverageRefusal(late, '2023-09-11', null)).toBeNull();
    expect(coverageRefusal(late, '2024-01-01', null)).toBe('not-covered');
    expect(coverageRefusal(late, '2023-10-01', '2023-10-01')).toBeNull();
    expect(coverageRefusal(late, '2023-10-02', '2023-10-01')).toBe('person-deceased');
  });
});
