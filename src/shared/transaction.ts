import type pg from 'pg';

// One way to run work in a PostgreSQL transaction: take a pooled connection, open, run, commit (or
// roll back), give the connection back. Every transaction of the service goes through here, so the
// rules below hold everywhere:
// - the work's error is the one thrown (a failing ROLLBACK does not hide it);
// - after a failure the connection is discarded, not pooled: its session may be in any state (an
//   aborted multi-statement round trip, a statement still running after a client-side timeout);
// - a connection is never released twice and never leaked.

export interface TransactionOptions {
  /** `BEGIN` by default; e.g. `BEGIN ISOLATION LEVEL REPEATABLE READ` for one snapshot of several tables */
  readonly begin?: string;
  /**
   * 'commit' (default); 'rollback': nothing the work did persists, even on success (a check that
   * folds into a scratch schema); 'by-work': the work sends BEGIN and COMMIT itself, inside its own
   * multi-statement round trips (the append path opens and closes a batch in one round trip each).
   */
  readonly end?: 'commit' | 'rollback' | 'by-work';
}

export async function withTransaction<T>(
  pool: Pick<pg.Pool, 'connect'>,
  work: (client: pg.PoolClient) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const end = options.end ?? 'commit';
  const client = await pool.connect();
  let result: T;
  try {
    if (end !== 'by-work') await client.query(options.begin ?? 'BEGIN');
    result = await work(client);
    if (end !== 'by-work') await client.query(end === 'rollback' ? 'ROLLBACK' : 'COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(true);
    throw error;
  }
  client.release();
  return result;
}
