import type { PolicyEntry, Provenance } from './catalogue.js';

// Provenance of a policy entry's numbers (POLICY.md, catalogue schema version 2): every number and
// date of an entry rests on exactly one provenance key, a field path naming it or a subtree above
// it (`funding.personalFen.adult`, `criticalIllness.bands[1]`, `reserve`).

/** A number or date of a policy entry, named by its field path. */
export interface PolicyNumber {
  readonly field: string;
  readonly value: number | string;
}

/** A number or date beside what it rests on. */
export interface SourcedNumber extends PolicyNumber {
  readonly coveredBy: string; // the provenance key covering this field
  readonly provenance: Provenance;
}

// Only dates are strings that count as numbers; names, ids and category lists do not.
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

function collect(value: unknown, field: string, into: PolicyNumber[]): void {
  if (typeof value === 'number') into.push({ field, value });
  else if (typeof value === 'string' && datePattern.test(value)) into.push({ field, value });
  else if (Array.isArray(value)) value.forEach((item, i) => collect(item, `${field}[${i}]`, into));
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value))
      collect(item, field === '' ? key : `${field}.${key}`, into);
}

/** The numbers and dates of an entry not yet validated (a proposal), its provenance left out. */
export function numbersOf(value: Readonly<Record<string, unknown>>): PolicyNumber[] {
  const { provenance: _ignored, ...fields } = value;
  const numbers: PolicyNumber[] = [];
  collect(fields, '', numbers);
  return numbers;
}

/** Every number and date of an entry outside its provenance, in the entry's field order. */
export function policyNumbers(entry: Omit<PolicyEntry, 'provenance'>): PolicyNumber[] {
  const { provenance: _ignored, ...fields } = entry as PolicyEntry;
  const numbers: PolicyNumber[] = [];
  collect(fields, '', numbers);
  return numbers;
}

/** Whether provenance key `key` names `field` itself or a subtree holding it. */
export function covers(key: string, field: string): boolean {
  return field === key || field.startsWith(`${key}.`) || field.startsWith(`${key}[`);
}

/** The keys of `provenance` covering `field` (exactly one in a valid entry). */
export function coveringKeys(
  provenance: Readonly<Record<string, unknown>>,
  field: string,
): string[] {
  return Object.keys(provenance).filter((key) => covers(key, field));
}

/** Each number and date of a validated entry beside its provenance. */
export function sourcedNumbers(entry: PolicyEntry): SourcedNumber[] {
  return policyNumbers(entry).map((number) => {
    const coveredBy = coveringKeys(entry.provenance, number.field)[0]!;
    return { ...number, coveredBy, provenance: entry.provenance[coveredBy]! };
  });
}
