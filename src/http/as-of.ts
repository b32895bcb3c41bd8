import type pg from 'pg';
import { badField } from './problem-error.js';

const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** The `asOf` query parameter: an RFC 3339 instant, or 400 naming it. */
export function parseAsOfInstant(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!instantPattern.test(value) || Number.isNaN(Date.parse(value))) throw badField('asOf', 'must be an RFC 3339 instant, e.g. 2023-06-01T00:00:00+08:00');
  return value;
}

/** The last position recorded at or before the instant, and not after `bound` when both are given. */
export async function positionAsOf(pool: pg.Pool, asOf: string | undefined, bound: number | undefined): Promise<number | undefined> {
  if (asOf === undefined) return bound;
  const { rows } = await pool.query<{ p: string | null }>('SELECT max(position)::text AS p FROM events WHERE recorded_at <= $1', [asOf]);
  const at = Number(rows[0]?.p ?? 0);
  return bound === undefined ? at : Math.min(at, bound);
}
