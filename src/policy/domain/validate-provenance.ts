import type { PolicyEntry, Provenance, ProvenanceMap } from './catalogue.js';
import { fail, readObject, readString, type Json, type Owner } from './catalogue-field-readers.js';
import { covers, coveringKeys, policyNumbers } from './provenance.js';

// The provenance part of the catalogue's validation (schema version 2): each number and date of a
// policy entry rests on a quoted source document or a stated assumption, and says which.

const provenanceFields = {
  source: ['kind', 'document', 'seedFile', 'quote'],
  assumption: ['kind', 'why'],
} as const;

/** One provenance entry: a quoted source or a stated assumption, either with an optional note. */
function readProvenanceEntry(owner: Owner, value: unknown, path: string): Provenance {
  const kind = typeof value === 'object' && value !== null ? (value as Json).kind : undefined;
  if (kind !== 'source' && kind !== 'assumption')
    fail(owner, `${path}.kind`, 'must be source or assumption');
  const required = provenanceFields[kind];
  const o = readObject(
    owner,
    value,
    path,
    Object.hasOwn(value as Json, 'note') ? [...required, 'note'] : required,
  );
  const texts: Record<string, string> = {};
  for (const key of Object.keys(o))
    if (key !== 'kind') texts[key] = readString(owner, o[key], `${path}.${key}`);
  return { kind, ...texts } as Provenance;
}

/**
 * The provenance map: every number and date of the entry covered by exactly one key, and every
 * key covering at least one, so no figure reaches a settlement without saying what it rests on.
 */
export function readProvenance(
  owner: Owner,
  value: unknown,
  entry: Omit<PolicyEntry, 'provenance'>,
): ProvenanceMap {
  const o = readObject(owner, value, 'provenance', Object.keys(value ?? {}));
  const map: Record<string, Provenance> = {};
  for (const key of Object.keys(o))
    map[key] = readProvenanceEntry(owner, o[key], `provenance[${JSON.stringify(key)}]`);
  const numbers = policyNumbers(entry);
  for (const { field } of numbers) {
    const keys = coveringKeys(map, field);
    if (keys.length === 0) fail(owner, field, 'has no provenance entry');
    if (keys.length > 1)
      fail(owner, field, `has more than one provenance entry: ${keys.join(', ')}`);
  }
  for (const key of Object.keys(map))
    if (!numbers.some(({ field }) => covers(key, field)))
      fail(owner, `provenance[${JSON.stringify(key)}]`, 'names no number or date of the policy');
  return map;
}
