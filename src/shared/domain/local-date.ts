// Calendar dates (日期) as ISO `YYYY-MM-DD` strings, years 0001-9999, proleptic Gregorian calendar.
//
// Decision: plain `string`, not a branded type. Dates travel unchanged through JSON bodies, events
// and database columns, and valid dates compare correctly as strings (fixed width), so a brand
// would only add casts at every edge. Instead, validation happens twice: at the edge (DTOs call
// isLocalDate) and inside every helper here, which throws a RangeError when given anything that is
// not a real calendar date (2023-02-30, 2023-2-1, 2023-13-01). `LocalDate` below is documentation.
//
// Pure integer arithmetic: no Date, no time zone, no clock.

/** A `YYYY-MM-DD` calendar date (validated by isLocalDate; every helper below re-checks). */
export type LocalDate = string;

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

interface Ymd {
  readonly y: number;
  readonly m: number; // 1-12
  readonly d: number; // 1-31
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days in month `m` (1-12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function daysInYear(y: number): number {
  requireYear(y);
  return isLeapYear(y) ? 366 : 365;
}

function tryParse(s: string): Ymd | null {
  const match = PATTERN.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < MIN_YEAR || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

function parse(s: string): Ymd {
  const ymd = tryParse(s);
  if (!ymd) throw new RangeError(`not a valid YYYY-MM-DD date: ${JSON.stringify(s)}`);
  return ymd;
}

function requireYear(y: number): void {
  if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR)
    throw new RangeError(`year out of range: ${y}`);
}

function format({ y, m, d }: Ymd): string {
  requireYear(y);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// Days since 1970-01-01 (H. Hinnant's days_from_civil / civil_from_days, integer only).
function toEpochDays({ y, m, d }: Ymd): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromEpochDays(days: number): Ymd {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** True for a real calendar date written `YYYY-MM-DD` (2023-02-30 and 2023-2-1 are not). */
export function isLocalDate(s: unknown): s is LocalDate {
  return typeof s === 'string' && tryParse(s) !== null;
}

/** Returns the date unchanged, or throws a RangeError when it is not a valid YYYY-MM-DD date. */
export function requireLocalDate(s: string): string {
  parse(s);
  return s;
}

/** Negative when a is before b, 0 when equal, positive when after. */
export function compareDates(a: string, b: string): number {
  parse(a);
  parse(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function addDays(date: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer number of days: ${n}`);
  return format(fromEpochDays(toEpochDays(parse(date)) + n));
}

/** Same day of month n months later (or earlier), clamped to that month's last day: 2023-08-31 + 6 = 2024-02-29. */
export function addMonthsClamped(date: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer number of months: ${n}`);
  const { y, m, d } = parse(date);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  requireYear(ny);
  return format({ y: ny, m: nm, d: Math.min(d, daysInMonth(ny, nm)) });
}

export function firstDayOfNextMonth(date: string): string {
  const { y, m } = parse(date);
  return m === 12 ? format({ y: y + 1, m: 1, d: 1 }) : format({ y, m: m + 1, d: 1 });
}

export function yearOf(date: string): number {
  return parse(date).y;
}

/** 1 for 1 January, 365 or 366 for 31 December. */
export function dayOfYear(date: string): number {
  const ymd = parse(date);
  return toEpochDays(ymd) - toEpochDays({ y: ymd.y, m: 1, d: 1 }) + 1;
}

export function startOfYear(y: number): string {
  return format({ y, m: 1, d: 1 });
}

export function endOfYear(y: number): string {
  return format({ y, m: 12, d: 31 });
}

export function maxDate(a: string, b: string): string {
  return compareDates(a, b) >= 0 ? a : b;
}

export function minDate(a: string, b: string): string {
  return compareDates(a, b) <= 0 ? a : b;
}
