import { addDays, addMonthsClamped, compareDates, firstDayOfNextMonth, maxDate, requireLocalDate } from '../../shared/domain/local-date.js';

// Enrollment channels and when benefits start (POLICY.md "Enrollment and contributions", 参保缴费).
// All dates are `YYYY-MM-DD` strings; invalid dates throw a RangeError.

/**
 * centralized 集中参保期 | newborn 新生儿 | special-late 特殊群体中途参保 (newly identified assistance
 * targets, discharged soldiers, people leaving employee insurance) | transfer-in 转入 (moved in after
 * the collection period) | late 中途参保 (anyone else after the deadline; waiting period 等待期).
 */
export type EnrollmentChannel = 'centralized' | 'newborn' | 'special-late' | 'transfer-in' | 'late';

export const ENROLLMENT_CHANNELS: readonly EnrollmentChannel[] = ['centralized', 'newborn', 'special-late', 'transfer-in', 'late'];

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
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer: ${n}`);
  return n;
}

/**
 * Whether a channel is still open on `onDate` (checked on the enrollment date and again on the
 * payment date). centralized: open on or before centralizedDeadline. newborn: open on or before
 * birthDate + newbornGraceMonths calendar months, clamped to month end (born 2023-01-31 -> last day
 * 2023-04-30). The other channels are not limited by date here.
 */
export function enrollmentRefusal(
  rules: EnrollmentRules,
  channel: EnrollmentChannel,
  { birthDate, onDate }: { birthDate: string; onDate: string },
): EnrollmentRefusalCode | null {
  switch (channel) {
    case 'centralized':
      return compareDates(onDate, rules.centralizedDeadline) > 0 ? 'centralized-period-closed' : null;
    case 'newborn': {
      const lastDay = addMonthsClamped(birthDate, requireMonths(rules.newbornGraceMonths, 'newbornGraceMonths'));
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

function channelStart(channel: EnrollmentChannel, coverage: CoveragePeriod, birthDate: string, paidOn: string): string {
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
 * Coverage and benefit dates for a paid enrollment. A start before coverage.start (1 January) is
 * moved to coverage.start; coverageEnd is always coverage.end. benefitsFrom equals coverageStart,
 * except for `late`: the day after paidOn + lateWaitingMonths months (clamped to month end), and
 * never before coverageStart.
 * Dates are returned as computed even when coverageStart or benefitsFrom falls after coverageEnd
 * (e.g. transfer-in paid in December, late paid after June): the enrollment is then valid but
 * coverageRefusal refuses every claim of that year ('not-covered' or 'waiting-period').
 */
export function coverageTerms(
  rules: EnrollmentRules,
  coverage: CoveragePeriod,
  channel: EnrollmentChannel,
  { birthDate, paidOn }: { birthDate: string; paidOn: string },
): CoverageTerms {
  const coverageStart = maxDate(channelStart(channel, coverage, birthDate, paidOn), coverage.start);
  const coverageEnd = requireLocalDate(coverage.end);
  if (channel !== 'late') return { coverageStart, coverageEnd, benefitsFrom: coverageStart };
  const waitingEnds = addMonthsClamped(paidOn, requireMonths(rules.lateWaitingMonths, 'lateWaitingMonths'));
  return { coverageStart, coverageEnd, benefitsFrom: maxDate(addDays(waitingEnds, 1), coverageStart) };
}

/**
 * Why a claim on serviceDate is not covered, or null when it is. No terms (no active, paid
 * enrollment for the year) -> not-covered; a service date after the date of death ->
 * person-deceased (the date of death itself is covered); outside coverageStart..coverageEnd ->
 * not-covered; from coverageStart but before benefitsFrom -> waiting-period.
 */
export function coverageRefusal(
  terms: CoverageTerms | undefined,
  serviceDate: string,
  dateOfDeath: string | null,
): CoverageRefusalCode | null {
  if (!terms) return 'not-covered';
  if (dateOfDeath !== null && compareDates(serviceDate, dateOfDeath) > 0) return 'person-deceased';
  if (compareDates(serviceDate, terms.coverageStart) < 0 || compareDates(serviceDate, terms.coverageEnd) > 0) return 'not-covered';
  if (compareDates(serviceDate, terms.benefitsFrom) < 0) return 'waiting-period';
  return null;
}
