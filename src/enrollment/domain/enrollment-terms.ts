import {
  addDays,
  addMonthsClamped,
  compareDates,
  firstDayOfNextMonth,
  maxDate,
  requireLocalDate,
  startOfYear,
  yearOf,
} from '../../shared/domain/local-date.js';

// Enrollment channels and when benefits start (POLICY.md "Enrollment and contributions", 参保缴费).
// All dates are `YYYY-MM-DD` strings; invalid dates throw a RangeError.

/**
 * centralized 集中参保期 | newborn 新生儿 | special-late 特殊群体中途参保 (newly identified assistance
 * targets, discharged soldiers, people leaving employee insurance) | transfer-in 转入 (moved in after
 * the collection period) | late 中途参保 (anyone else after the deadline; waiting period 等待期).
 */
export type EnrollmentChannel = 'centralized' | 'newborn' | 'special-late' | 'transfer-in' | 'late';

export const ENROLLMENT_CHANNELS: readonly EnrollmentChannel[] = [
  'centralized',
  'newborn',
  'special-late',
  'transfer-in',
  'late',
];

export interface EnrollmentRules {
  readonly centralizedDeadline: string; // 集中参保截止日
  readonly newbornGraceMonths: number;
  readonly lateWaitingMonths: number; // 等待期
}

export interface CoveragePeriod {
  readonly start: string;
  readonly end: string;
}

export interface CoverageTerms {
  coverageStart: string;
  coverageEnd: string;
  benefitsFrom: string;
}

export type EnrollmentRefusalCode = 'centralized-period-closed' | 'newborn-grace-expired';
export type CoverageRefusalCode = 'not-covered' | 'waiting-period' | 'person-deceased';

function requireMonths(n: number, what: string): number {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`${what} must be a non-negative integer: ${n}`);
  return n;
}

/**
 * Whether a channel is still open on `onDate`. POLICY.md limits both the enrollment and the
 * payment, so callers check the enrollment date (POST /enrollments) and again the payment date
 * (POST .../payments); the first refusal wins.
 * - centralized: open on or before centralizedDeadline (2022-12-31 ok, 2023-01-01 refused).
 * - newborn: open on or before birthDate + newbornGraceMonths calendar months, clamped to the
 *   month's end (born 2023-01-31 -> last day 2023-04-30); later the person must use `late`.
 * - special-late, transfer-in, late: no date limit here. Decision: `late` chosen before the
 *   deadline is not refused (POLICY.md names no code); its waiting period still counts from p.
 */
export function enrollmentRefusal(
  rules: EnrollmentRules,
  channel: EnrollmentChannel,
  { birthDate, onDate }: { birthDate: string; onDate: string },
): EnrollmentRefusalCode | null {
  switch (channel) {
    case 'centralized':
      return compareDates(onDate, rules.centralizedDeadline) > 0
        ? 'centralized-period-closed'
        : null;
    case 'newborn': {
      const lastDay = addMonthsClamped(
        birthDate,
        requireMonths(rules.newbornGraceMonths, 'newbornGraceMonths'),
      );
      return compareDates(onDate, lastDay) > 0 ? 'newborn-grace-expired' : null;
    }
    case 'special-late':
    case 'transfer-in':
    case 'late':
      requireLocalDate(onDate);
      return null;
    default: {
      const exhaustive: never = channel;
      throw new RangeError(`unknown enrollment channel ${String(exhaustive)}`);
    }
  }
}

function channelStart(
  channel: EnrollmentChannel,
  coverage: CoveragePeriod,
  birthDate: string,
  paidOn: string,
): string {
  switch (channel) {
    case 'centralized':
      return coverage.start;
    case 'newborn':
      return birthDate;
    case 'special-late':
    case 'late':
      return addDays(paidOn, 1);
    case 'transfer-in':
      return firstDayOfNextMonth(paidOn);
    default: {
      const exhaustive: never = channel;
      throw new RangeError(`unknown enrollment channel ${String(exhaustive)}`);
    }
  }
}

/**
 * Coverage and benefit dates for a paid enrollment (POLICY.md, p = paidOn):
 *   centralized  coverage.start (the whole year)      newborn      the birth date
 *   special-late the day after p                       transfer-in  the first day of the month after p
 *   late         the day after p; benefitsFrom = the day after p + lateWaitingMonths months
 *                (same day of month, clamped to the month's end: p 2023-08-31 -> 2024-03-01).
 * A start before coverage.start (1 January) is moved to coverage.start; coverageEnd is always
 * coverage.end. benefitsFrom = coverageStart except for `late`, where it is never before coverageStart.
 * The enrollment date does not enter: every date counts from the payment (a share of 0 is paid
 * on the enrollment date). The channel's date limits are enrollmentRefusal's business.
 *
 * Decision: dates are returned as computed even when coverageStart or benefitsFrom falls after
 * coverageEnd (transfer-in or special-late paid on 31 December, late paid after June, any payment
 * after the coverage year). The enrollment stays valid (the money moved), but isCoveredOn refuses
 * every claim of that year ('waiting-period' for late, else 'not-covered'), so coverage never
 * extends beyond the coverage year's end; a person who dies before coverageStart may be refunded.
 */
export function coverageTerms(
  rules: EnrollmentRules,
  coverage: CoveragePeriod,
  channel: EnrollmentChannel,
  { birthDate, paidOn }: { birthDate: string; paidOn: string },
): CoverageTerms {
  requireLocalDate(birthDate);
  requireLocalDate(paidOn);
  const coverageStart = maxDate(channelStart(channel, coverage, birthDate, paidOn), coverage.start);
  const coverageEnd = requireLocalDate(coverage.end);
  if (channel !== 'late') return { coverageStart, coverageEnd, benefitsFrom: coverageStart };
  const waitingEnds = addMonthsClamped(
    paidOn,
    requireMonths(rules.lateWaitingMonths, 'lateWaitingMonths'),
  );
  return {
    coverageStart,
    coverageEnd,
    benefitsFrom: maxDate(addDays(waitingEnds, 1), coverageStart),
  };
}

/**
 * Why nothing is paid for a claim on `date`, or null when it is covered (POLICY.md: active, paid
 * enrollment; date from benefitsFrom to coverageEnd; not after death).
 * - `terms` are the dates of the PAID enrollment for the date's year; undefined (no enrollment,
 *   not paid yet, or refunded) -> 'not-covered'.
 * - a date after the date of death -> 'person-deceased', checked first, with or without terms (a
 *   claim on the date of death itself is covered).
 * - outside the coverage year (before 1 January of coverageEnd's year, or after coverageEnd) -> 'not-covered'.
 * - on/after both coverageStart and benefitsFrom -> covered (null).
 * - otherwise, inside the coverage year but before the benefits start: 'waiting-period' when the
 *   terms have a waiting period (benefitsFrom after coverageStart: the late channel), read as
 *   POLICY.md writes it ("a claim dated inside the coverage year but before that is refused with
 *   waiting-period"), so a late enrollee's claim dated before the payment is 'waiting-period' too;
 *   for every other channel (benefitsFrom = coverageStart) -> 'not-covered'.
 */
export function isCoveredOn(
  terms: CoverageTerms | undefined,
  date: string,
  dateOfDeath: string | null = null,
): CoverageRefusalCode | null {
  requireLocalDate(date);
  if (dateOfDeath !== null && compareDates(date, dateOfDeath) > 0) return 'person-deceased';
  if (!terms) return 'not-covered';
  const { coverageStart, coverageEnd, benefitsFrom } = terms;
  if (
    compareDates(date, startOfYear(yearOf(coverageEnd))) < 0 ||
    compareDates(date, coverageEnd) > 0
  )
    return 'not-covered';
  if (compareDates(date, coverageStart) >= 0 && compareDates(date, benefitsFrom) >= 0) return null;
  return compareDates(benefitsFrom, coverageStart) > 0 ? 'waiting-period' : 'not-covered';
}

/** isCoveredOn under the name the claim decider imports. */
export const coverageRefusal: (
  terms: CoverageTerms | undefined,
  serviceDate: string,
  dateOfDeath: string | null,
) => CoverageRefusalCode | null = isCoveredOn;
