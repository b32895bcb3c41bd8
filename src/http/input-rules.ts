// The input rules of API.md 1.1 "Keys, scopes and identifiers", each in one place: the DTO
// decorators (input.validators.ts), the body check (body-discipline.ts) and the path and query
// parameter pipe (validation.pipe.ts) all call these.

/** Strings: at most 200 characters; ids (path ids, personId, receipt and invoice numbers) 64. */
export const textLengthMax = 200;
export const idLengthMax = 64;

/** Money: at most 10^13 fen (100 billion yuan) per field, so that no single amount nears 2^53. */
export const fenMax = 10_000_000_000_000;

/** Dates: none before 1900-01-01 (and none after today in China unless a field is a plan). */
export const earliestDate = '1900-01-01';

// Control characters (C0, DEL, C1), lone surrogates (PostgreSQL's jsonb and text refuse them, and
// NUL; a refusal that cannot be stored would lose its alert), line and paragraph separators, the
// bidirectional overrides (they make a name read differently from what is stored) and the BOM.
const forbiddenCharacters = /[\p{Cc}\p{Cs}\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/u;

export function hasForbiddenCharacters(value: string): boolean {
  return forbiddenCharacters.test(value);
}

/** Why a (trimmed) string breaks the text rule, or undefined when it keeps it. */
export function textFault(value: unknown, lengthMax: number): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (hasForbiddenCharacters(value)) return 'must not contain control characters';
  if (value.trim().length === 0) return 'must not be empty or only whitespace';
  if (value.length > lengthMax) return `must be at most ${lengthMax} characters`;
  return undefined;
}

/** Why a value is not an amount of fen in [min, fenMax], or undefined. */
export function fenFault(value: unknown, min: number): string | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > fenMax) {
    return `must be an integer number of fen from ${min} to ${fenMax}`;
  }
  return undefined;
}
