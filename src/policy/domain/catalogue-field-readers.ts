import { CatalogueError } from './catalogue.js';

// The field readers of the catalogue's validation: each reads one value, names the owner
// ("catalogue" or "policy <id>") and the field path, and throws a CatalogueError naming both.

export interface Owner {
  readonly name: string;
}
export type Json = Record<string, unknown>;

export function fail(owner: Owner, path: string, problem: string): never {
  throw new CatalogueError(`${owner.name}: ${path} ${problem}`, path);
}

export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

export function readObject(
  owner: Owner,
  value: unknown,
  path: string,
  keys: readonly string[],
): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(owner, path || 'entry', 'must be an object');
  const object = value as Json;
  for (const key of keys)
    if (!Object.hasOwn(object, key)) fail(owner, join(path, key), 'is missing');
  for (const key of Object.keys(object))
    if (!keys.includes(key)) fail(owner, join(path, key), 'is not a known field');
  return object;
}

export function readArray(
  owner: Owner,
  value: unknown,
  path: string,
  nonEmpty: boolean,
): readonly unknown[] {
  if (!Array.isArray(value)) fail(owner, path, 'must be an array');
  if (nonEmpty && value.length === 0) fail(owner, path, 'must not be empty');
  return value;
}

export function readString(owner: Owner, value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    fail(owner, path, 'must be a non-empty string');
  return value;
}

export function readInteger(
  owner: Owner,
  value: unknown,
  path: string,
  min: number,
  max: number,
): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    fail(owner, path, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function readFen(owner: Owner, value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    fail(owner, path, 'must be a non-negative safe integer of fen');
  return value;
}

/** A ratio in basis points: 0..10000. */
export function readRatioBp(owner: Owner, value: unknown, path: string): number {
  return readInteger(owner, value, path, 0, 10000);
}

export function readBoolean(owner: Owner, value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(owner, path, 'must be true or false');
  return value;
}

export function readMonths(owner: Owner, value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    fail(owner, path, 'must be a non-negative number of months');
  return value;
}

export const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date written YYYY-MM-DD. */
export function readDate(owner: Owner, value: unknown, path: string): string {
  const match = typeof value === 'string' ? datePattern.exec(value) : null;
  if (match === null) fail(owner, path, 'must be a date written YYYY-MM-DD');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth)
    fail(owner, path, `is not a calendar date: ${match[0]}`);
  return match[0];
}

/** A list of distinct members of `allowed`. */
export function readMembers<T extends string>(
  owner: Owner,
  value: unknown,
  path: string,
  allowed: readonly T[],
  nonEmpty: boolean,
): T[] {
  const items = readArray(owner, value, path, nonEmpty);
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (typeof item !== 'string' || !(allowed as readonly string[]).includes(item)) {
      fail(owner, join(path, index), `must be one of ${allowed.join(', ')}`);
    }
    if (seen.has(item)) fail(owner, join(path, index), `repeats ${item}`);
    seen.add(item);
  });
  return items as T[];
}

/** An object with exactly one key per member of `keys`, each read by `read`. */
export function readRecord<K extends string, V>(
  owner: Owner,
  value: unknown,
  path: string,
  keys: readonly K[],
  read: (v: unknown, p: string) => V,
): Record<K, V> {
  const object = readObject(owner, value, path, keys);
  const result = {} as Record<K, V>;
  for (const key of keys) result[key] = read(object[key], join(path, key));
  return result;
}
