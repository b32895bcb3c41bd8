import { isLocalDate } from '../../shared/domain/local-date.js';

// Resident ID number (居民身份证号码, GB 11643-1999): 6-digit address code, 8-digit birth date
// YYYYMMDD, 3-digit sequence code, 1 check character (校验码) by ISO 7064 MOD 11-2.
//
// A lowercase `x` check character is refused, not normalised: GB 11643 writes the check value 10
// as uppercase `X`, and accepting two spellings would let one person be registered twice
// (one person, one record). Callers must send the uppercase form.
// The birth date only has to be a real calendar date here; whether it lies in the future is a
// question for the caller, who knows "today".

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type ResidentIdCheck = { ok: true; birthDate: string } | { ok: false; reason: string };

/** The ISO 7064 MOD 11-2 check character for the first 17 digits. */
function checkCharFor(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Checks a resident ID and reads its birth date. Checks in order: length 18, 17 digits, final digit
 * or uppercase X, embedded birth date a real calendar date, check character.
 */
export function validateResidentId(id: string): ResidentIdCheck {
  if (typeof id !== 'string' || id.length !== 18)
    return { ok: false, reason: 'a resident ID has exactly 18 characters' };
  const first17 = id.slice(0, 17);
  const last = id[17];
  if (!/^\d{17}$/.test(first17))
    return { ok: false, reason: 'the first 17 characters of a resident ID must be digits' };
  if (last === 'x') return { ok: false, reason: 'the check character X must be uppercase' };
  if (!/^[0-9X]$/.test(last))
    return { ok: false, reason: 'the last character of a resident ID must be a digit or X' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isLocalDate(birthDate))
    return { ok: false, reason: `the embedded birth date ${id.slice(6, 14)} is not a valid date` };
  const expected = checkCharFor(first17);
  if (last !== expected)
    return { ok: false, reason: 'the check character does not match (ISO 7064 MOD 11-2)' };
  return { ok: true, birthDate };
}

/** First 6 characters, 8 asterisks, last 4: 110105********002X. Strings under 10 characters are fully masked. */
export function maskResidentId(id: string): string {
  if (id.length < 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}********${id.slice(-4)}`;
}

/**
 * The birth date as a role that sees resident IDs masked may see it: the year only. With the full
 * date, a masked ID (region, sequence and check character in clear) leaves one candidate.
 */
export function maskBirthDate(date: string): string {
  return date.slice(0, 4);
}

/** Appends the right ISO 7064 MOD 11-2 check character to 17 digits (for tests and fixtures). */
export function makeResidentId(first17: string): string {
  if (!/^\d{17}$/.test(first17))
    throw new RangeError(`expected 17 digits, got ${JSON.stringify(first17)}`);
  return first17 + checkCharFor(first17);
}

/** The same as makeResidentId; the name test/support and bench/ already use. */
export const residentIdWithCheck = makeResidentId;
