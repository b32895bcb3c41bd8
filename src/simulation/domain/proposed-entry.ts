import {
  CatalogueError,
  validateCatalogue,
  type Catalogue,
  type PolicyEntry,
} from '../../policy/domain/index.js';
import { covers, numbersOf, policyNumbers } from '../../policy/domain/provenance.js';

// A proposed policy (政策调整方案): a partial catalogue entry deep-merged into the entry in force,
// then held to the same validation as the catalogue at start (bounds, shapes, provenance). Objects
// merge key by key; any other value (a number, a date, null, an array such as the critical-illness
// bands) replaces the one in force whole. Who the entry is for stays as it is.

const identityFields = ['policyId', 'regionCode', 'regionName', 'coverageYear'] as const;
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

export type Proposal =
  | { readonly ok: true; readonly entry: PolicyEntry; readonly changed: readonly ChangedNumber[] }
  | { readonly ok: false; readonly field: string; readonly message: string };

export interface ChangedNumber {
  readonly field: string;
  readonly inForce: number | string | null;
  readonly proposed: number | string | null;
}

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class ChangeRefused extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function merge(base: unknown, change: unknown, path: string): unknown {
  if (!isPlain(base) || !isPlain(change)) return change;
  const merged: Plain = { ...base };
  for (const key of Object.keys(change)) {
    const field = `${path}.${key}`;
    if (forbiddenKeys.has(key)) throw new ChangeRefused(field, 'is not a known field');
    Object.defineProperty(merged, key, {
      value: merge(base[key], change[key], field),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return merged;
}

/** The entry in force with the changes merged in and validated, or the field to blame. */
export function proposeEntry(
  catalogue: Catalogue,
  inForce: PolicyEntry,
  changes: Readonly<Record<string, unknown>>,
): Proposal {
  for (const key of identityFields)
    if (Object.hasOwn(changes, key))
      return {
        ok: false,
        field: `changes.${key}`,
        message: 'cannot be changed: a simulation judges a change to the entry in force',
      };
  let entry: PolicyEntry;
  try {
    const merged = withoutDanglingProvenance(merge(inForce, changes, 'changes'), changes);
    const [validated] = validateCatalogue({
      schemaVersion: catalogue.schemaVersion,
      about: catalogue.about,
      assistanceCategories: catalogue.assistanceCategories,
      institutionLevels: catalogue.institutionLevels,
      claimTypes: catalogue.claimTypes,
      policies: [merged],
    }).policies;
    entry = validated!;
  } catch (error) {
    if (error instanceof ChangeRefused)
      return { ok: false, field: error.field, message: error.message };
    if (error instanceof CatalogueError) {
      const field = error.field && error.field !== 'entry' ? `changes.${error.field}` : 'changes';
      return { ok: false, field, message: problemOf(error) };
    }
    throw error;
  }
  return { ok: true, entry, changed: changedNumbers(inForce, entry) };
}

/**
 * A change that removes a number (e.g. fewer critical-illness bands) leaves its provenance key
 * naming nothing; unless the changes bring their own provenance, such keys are dropped. Every
 * number still needs one: a number the change adds without provenance is refused.
 */
function withoutDanglingProvenance(merged: unknown, changes: Readonly<Plain>): unknown {
  if (Object.hasOwn(changes, 'provenance') || !isPlain(merged) || !isPlain(merged.provenance))
    return merged;
  const fields = numbersOf(merged).map((n) => n.field);
  const provenance = Object.fromEntries(
    Object.entries(merged.provenance).filter(([key]) => fields.some((f) => covers(key, f))),
  );
  return { ...merged, provenance };
}

/** The catalogue's message without its "policy <id>: <field>" prefix. */
function problemOf(error: CatalogueError): string {
  const prefix = error.message.indexOf(': ');
  const rest = prefix >= 0 ? error.message.slice(prefix + 2) : error.message;
  return error.field && rest.startsWith(`${error.field} `)
    ? rest.slice(error.field.length + 1)
    : rest;
}

/** Every number and date whose value differs between the two entries, by field path. */
export function changedNumbers(inForce: PolicyEntry, proposed: PolicyEntry): ChangedNumber[] {
  const before = new Map(policyNumbers(inForce).map((n) => [n.field, n.value]));
  const after = new Map(policyNumbers(proposed).map((n) => [n.field, n.value]));
  const fields = [...new Set([...before.keys(), ...after.keys()])];
  return fields
    .filter((field) => before.get(field) !== after.get(field))
    .map((field) => ({
      field,
      inForce: before.get(field) ?? null,
      proposed: after.get(field) ?? null,
    }));
}
