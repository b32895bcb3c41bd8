import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, addMonthsClamped, firstDayOfNextMonth } from '../../shared/domain/local-date.js';
import {
  coverageRefusal,
  coverageTerms,
  ENROLLMENT_CHANNELS,
  enrollmentRefusal,
  isCoveredOn,
  type CoverageTerms,
} from './enrollment-terms.js';

// Rules of 370800-2023 (catalogue.json): centralized deadline 2022-12-31, newborn grace 3 months,
// late waiting period 6 months, coverage 2023-01-01 to 2023-12-31.
const rules = { centralizedDeadline: '2022-12-31', newbornGraceMonths: 3, lateWaitingMonths: 6 };
const coverage = { start: '2023-01-01', end: '2023-12-31' };
// The same rules one year later, for a leap coverage year (no such catalogue entry; dates only).
const rules2024 = {
  centralizedDeadline: '2023-12-31',
  newbornGraceMonths: 3,
  lateWaitingMonths: 6,
};
const coverage2024 = { start: '2024-01-01', end: '2024-12-31' };
const adult = '1980-05-06';

const terms = (
  channel: (typeof ENROLLMENT_CHANNELS)[number],
  paidOn: string,
  birthDate = adult,
): CoverageTerms => coverageTerms(rules, coverage, channel, { birthDate, paidOn });

describe('centralized enrollment (集中参保期)', () => {
  it('is open on the deadline 2022-12-31 and refused the day after, for the enrollment and for the payment', () => {
    expect(
      enrollmentRefusal(rules, 'centralized', { birthDate: adult, onDate: '2022-09-01' }),
    ).toBeNull();
    expect(
      enrollmentRefusal(rules, 'centralized', { birthDate: adult, onDate: '2022-12-31' }),
    ).toBeNull();
    expect(
      enrollmentRefusal(rules, 'centralized', { birthDate: adult, onDate: '2023-01-01' }),
    ).toBe('centralized-period-closed');
  });

  it('covers the whole coverage year, whenever it was paid before the deadline', () => {
    expect(terms('centralized', '2022-10-01')).toEqual({
      coverageStart: '2023-01-01',
      coverageEnd: '2023-12-31',
      benefitsFrom: '2023-01-01',
    });
    expect(terms('centralized', '2022-12-31')).toEqual({
      coverageStart: '2023-01-01',
      coverageEnd: '2023-12-31',
      benefitsFrom: '2023-01-01',
    });
  });
});

describe('newborn enrollment (新生儿)', () => {
  it('is open until birth + 3 calendar months, clamped: born 2023-01-31, last day 2023-04-30', () => {
    const birthDate = '2023-01-31';
    expect(enrollmentRefusal(rules, 'newborn', { birthDate, onDate: '2023-02-15' })).toBeNull();
    expect(enrollmentRefusal(rules, 'newborn', { birthDate, onDate: '2023-04-30' })).toBeNull();
    expect(enrollmentRefusal(rules, 'newborn', { birthDate, onDate: '2023-05-01' })).toBe(
      'newborn-grace-expired',
    );
  });

  it('clamps the grace period to February: born 2023-11-30 -> 2024-02-29 (leap), born 2022-11-30 -> 2023-02-28', () => {
    expect(
      enrollmentRefusal(rules2024, 'newborn', { birthDate: '2023-11-30', onDate: '2024-02-29' }),
    ).toBeNull();
    expect(
      enrollmentRefusal(rules2024, 'newborn', { birthDate: '2023-11-30', onDate: '2024-03-01' }),
    ).toBe('newborn-grace-expired');
    expect(
      enrollmentRefusal(rules, 'newborn', { birthDate: '2022-11-30', onDate: '2023-02-28' }),
    ).toBeNull();
    expect(
      enrollmentRefusal(rules, 'newborn', { birthDate: '2022-11-30', onDate: '2023-03-01' }),
    ).toBe('newborn-grace-expired');
  });

  it('refuses an adult on the newborn channel (the grace ended long ago)', () => {
    expect(enrollmentRefusal(rules, 'newborn', { birthDate: adult, onDate: '2023-03-01' })).toBe(
      'newborn-grace-expired',
    );
  });

  it('covers from the birth date, moved to 1 January when born the year before', () => {
    expect(terms('newborn', '2023-04-30', '2023-01-31')).toEqual({
      coverageStart: '2023-01-31',
      coverageEnd: '2023-12-31',
      benefitsFrom: '2023-01-31',
    });
    expect(terms('newborn', '2023-01-10', '2022-12-20')).toEqual({
      coverageStart: '2023-01-01',
      coverageEnd: '2023-12-31',
      benefitsFrom: '2023-01-01',
    });
    expect(
      coverageTerms(rules2024, coverage2024, 'newborn', {
        birthDate: '2024-02-29',
        paidOn: '2024-05-29',
      }).benefitsFrom,
    ).toBe('2024-02-29');
  });
});

describe('special-late and transfer-in enrollment (中途参保: 特殊群体, 转入)', () => {
  it('has no date limit of its own', () => {
    for (const channel of ['special-late', 'transfer-in', 'late'] as const) {
      expect(
        enrollmentRefusal(rules, channel, { birthDate: adult, onDate: '2023-11-30' }),
      ).toBeNull();
    }
  });

  it('covers special-late from the day after payment, across month ends and the leap day', () => {
    expect(terms('special-late', '2023-05-20')).toEqual({
      coverageStart: '2023-05-21',
      coverageEnd: '2023-12-31',
      benefitsFrom: '2023-05-21',
    });
    expect(terms('special-late', '2023-02-28').coverageStart).toBe('2023-03-01');
    expect(
      coverageTerms(rules2024, coverage2024, 'special-late', {
        birthDate: adult,
        paidOn: '2024-02-28',
      }).coverageStart,
    ).toBe('2024-02-29');
    expect(terms('special-late', '2022-12-20').coverageStart).toBe('2023-01-01'); // paid before the year: moved to 1 January
  });

  it('covers transfer-in from the first day of the month after payment', () => {
    expect(terms('transfer-in', '2023-05-20')).toEqual({
      coverageStart: '2023-06-01',
      coverageEnd: '2023-12-31',
      benefitsFrom: '2023-06-01',
    });
    expect(terms('transfer-in', '2023-05-01').coverageStart).toBe('2023-06-01');
    expect(terms('transfer-in', '2023-01-31').coverageStart).toBe('2023-02-01');
  });

  it('returns a start after 31 December as computed when paid too late, and covers no day of the year', () => {
    const december = terms('transfer-in', '2023-12-05');
    expect(december).toEqual({
      coverageStart: '2024-01-01',
      coverageEnd: '2023-12-31',
      benefitsFrom: '2024-01-01',
    });
    expect(isCoveredOn(december, '2023-12-20')).toBe('not-covered');
    expect(isCoveredOn(december, '2024-01-01')).toBe('not-covered');
    const newYearsEve = terms('special-late', '2023-12-31');
    expect(newYearsEve.coverageStart).toBe('2024-01-01');
    expect(isCoveredOn(newYearsEve, '2023-12-31')).toBe('not-covered');
  });
});

describe('late enrollment with a waiting period (中途参保, 等待期)', () => {
  it('starts benefits the day after paidOn + 6 months: paid 2023-03-10 -> 2023-09-11', () => {
    expect(terms('late', '2023-03-10')).toEqual({
      coverageStart: '2023-03-11',
      coverageEnd: '2023-12-31',
      benefitsFrom: '2023-09-11',
    });
  });

  it('clamps the waiting period to the month end: paid 2023-03-31 -> 2023-09-30 -> 2023-10-01', () => {
    expect(terms('late', '2023-03-31').benefitsFrom).toBe('2023-10-01');
    expect(terms('late', '2023-02-28').benefitsFrom).toBe('2023-08-29');
    expect(
      coverageTerms(rules2024, coverage2024, 'late', { birthDate: adult, paidOn: '2024-02-29' })
        .benefitsFrom,
    ).toBe('2024-08-30');
  });

  it('runs the waiting period from payment even when paid before the year: paid 2022-12-15 -> 2023-06-16', () => {
    expect(terms('late', '2022-12-15')).toEqual({
      coverageStart: '2023-01-01',
      coverageEnd: '2023-12-31',
      benefitsFrom: '2023-06-16',
    });
  });

  it('covers the last possible payment date 2023-06-30 from 2023-12-31, one day', () => {
    const t = terms('late', '2023-06-30');
    expect(t.benefitsFrom).toBe('2023-12-31');
    expect(isCoveredOn(t, '2023-12-30')).toBe('waiting-period');
    expect(isCoveredOn(t, '2023-12-31')).toBeNull();
  });

  it('returns benefitsFrom after 31 December as computed when the waiting period runs past the year: paid 2023-08-31 -> 2024-03-01', () => {
    // 2023-08-31 + 6 months = 2024-02-29 (leap February, clamped), benefits the day after
    const t = terms('late', '2023-08-31');
    expect(t).toEqual({
      coverageStart: '2023-09-01',
      coverageEnd: '2023-12-31',
      benefitsFrom: '2024-03-01',
    });
    expect(isCoveredOn(t, '2023-11-15')).toBe('waiting-period');
    expect(isCoveredOn(t, '2023-12-31')).toBe('waiting-period');
    expect(isCoveredOn(t, '2024-03-01')).toBe('not-covered'); // another coverage year
  });
});

describe('whether a claim date is covered (isCoveredOn)', () => {
  const late = terms('late', '2023-03-10'); // 2023-03-11 .. 2023-12-31, benefits from 2023-09-11
  const special = terms('special-late', '2023-03-10'); // 2023-03-11 .. 2023-12-31, no waiting period

  it('refuses without a paid enrollment for the year', () => {
    expect(isCoveredOn(undefined, '2023-05-01')).toBe('not-covered');
  });

  it('refuses a late enrollee in the waiting period, including dates of the year before the payment', () => {
    expect(isCoveredOn(late, '2023-09-10')).toBe('waiting-period');
    expect(isCoveredOn(late, '2023-03-11')).toBe('waiting-period');
    expect(isCoveredOn(late, '2023-03-10')).toBe('waiting-period');
    expect(isCoveredOn(late, '2023-01-01')).toBe('waiting-period');
  });

  it('covers from benefitsFrom to 31 December inclusive, and nothing outside the coverage year', () => {
    expect(isCoveredOn(late, '2023-09-11')).toBeNull();
    expect(isCoveredOn(late, '2023-12-31')).toBeNull();
    expect(isCoveredOn(late, '2024-01-01')).toBe('not-covered');
    expect(isCoveredOn(late, '2022-12-31')).toBe('not-covered');
  });

  it('refuses a date before coverage start as not-covered for channels without a waiting period', () => {
    expect(isCoveredOn(special, '2023-03-10')).toBe('not-covered');
    expect(isCoveredOn(special, '2023-03-11')).toBeNull();
    expect(isCoveredOn(terms('transfer-in', '2023-05-20'), '2023-05-31')).toBe('not-covered');
    expect(isCoveredOn(terms('transfer-in', '2023-05-20'), '2023-06-01')).toBeNull();
  });

  it('covers a claim on the date of death and refuses the day after, with or without an enrollment', () => {
    expect(isCoveredOn(late, '2023-10-01', '2023-10-01')).toBeNull();
    expect(isCoveredOn(late, '2023-10-02', '2023-10-01')).toBe('person-deceased');
    expect(isCoveredOn(undefined, '2023-10-02', '2023-10-01')).toBe('person-deceased');
    expect(isCoveredOn(late, '2023-09-01', '2023-10-01')).toBe('waiting-period'); // alive then; still waiting
    expect(coverageRefusal(late, '2023-10-02', '2023-10-01')).toBe('person-deceased');
    expect(coverageRefusal(late, '2023-10-02', null)).toBeNull();
  });

  it('throws on an invalid claim date rather than guessing', () => {
    expect(() => isCoveredOn(late, '2023-02-30')).toThrow(RangeError);
  });
});

describe('coverage terms for any channel and payment date (property)', () => {
  const paidOn = fc.integer({ min: 0, max: 600 }).map((n) => addDays('2022-10-01', n)); // 2022-10-01 .. 2024-05-23
  const birthDate = fc.integer({ min: 0, max: 480 }).map((n) => addDays('2022-09-01', n)); // 2022-09-01 .. 2023-12-25
  const dayOfCoverageYear = fc.integer({ min: 0, max: 364 }).map((n) => addDays('2023-01-01', n));

  it('keeps benefitsFrom >= coverageStart >= 1 January, ends on 31 December, and is after 31 December only for the documented cases', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ENROLLMENT_CHANNELS),
        paidOn,
        birthDate,
        (channel, p, born) => {
          const t = coverageTerms(rules, coverage, channel, { birthDate: born, paidOn: p });
          expect(t.coverageEnd).toBe('2023-12-31');
          expect(t.coverageStart >= '2023-01-01').toBe(true);
          expect(t.benefitsFrom >= t.coverageStart).toBe(true);
          // Documented: past 31 December only when counted from a payment too late in (or after) the year.
          const expectedPastEnd = {
            centralized: false,
            newborn: false, // every generated birth is in or before 2023
            'special-late': p >= '2023-12-31',
            'transfer-in': firstDayOfNextMonth(p) > '2023-12-31',
            late: addMonthsClamped(p, 6) >= '2023-12-31',
          }[channel];
          expect(t.benefitsFrom > t.coverageEnd).toBe(expectedPastEnd);
        },
      ),
    );
  });

  it('covers a day of the coverage year exactly when it is on or after benefitsFrom (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ENROLLMENT_CHANNELS),
        paidOn,
        birthDate,
        dayOfCoverageYear,
        (channel, p, born, day) => {
          const t = coverageTerms(rules, coverage, channel, { birthDate: born, paidOn: p });
          const refusal = isCoveredOn(t, day);
          expect(refusal === null).toBe(day >= t.benefitsFrom);
          if (refusal !== null)
            expect(refusal).toBe(
              channel === 'late' && t.benefitsFrom > t.coverageStart
                ? 'waiting-period'
                : 'not-covered',
            );
        },
      ),
    );
  });
});
