import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { withTransaction } from '../../src/shared/transaction.js';
import { createTestDatabase } from '../support/test-database.js';

// The one transaction helper, against a real PostgreSQL: what it commits, what it rolls back, and
// that a connection whose transaction failed never goes back to the pool.

describe('withTransaction', () => {
  let pool: pg.Pool;
  const rows = async () =>
    (await pool.query<{ n: number }>('SELECT n FROM tx_probe ORDER BY n')).rows.map((r) => r.n);

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: await createTestDatabase(), max: 1 });
    await pool.query('CREATE TABLE tx_probe (n integer PRIMARY KEY)');
  });
  afterAll(async () => pool.end());

  it('commits the work and returns its result', async () => {
    const result = await withTransaction(pool, async (client) => {
      await client.query('INSERT INTO tx_probe VALUES (1)');
      return 'done';
    });
    expect(result).toBe('done');
    expect(await rows()).toEqual([1]);
  });

  it("rolls back everything the work did when it fails, and throws the work's error", async () => {
    const failure = withTransaction(pool, async (client) => {
      await client.query('INSERT INTO tx_probe VALUES (2)');
      throw new Error('refused halfway');
    });
    await expect(failure).rejects.toThrow('refused halfway');
    expect(await rows()).toEqual([1]);
  });

  it('discards the connection of a failed transaction instead of pooling it', async () => {
    const before = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await expect(
      withTransaction(pool, async (client) => client.query('SELECT 1/0')),
    ).rejects.toThrow(/division by zero/);
    const after = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    expect(after.rows[0]!.pid).not.toBe(before.rows[0]!.pid);
  });

  it('pools the connection again after a commit', async () => {
    const before = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await withTransaction(pool, async (client) => client.query('SELECT 1'));
    const after = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    expect(after.rows[0]!.pid).toBe(before.rows[0]!.pid);
  });

  it("end: 'rollback' keeps nothing even when the work succeeds", async () => {
    const seen = await withTransaction(
      pool,
      async (client) => {
        await client.query('INSERT INTO tx_probe VALUES (3)');
        return (await client.query('SELECT count(*)::int AS n FROM tx_probe')).rows[0].n;
      },
      { end: 'rollback' },
    );
    expect(seen).toBe(2);
    expect(await rows()).toEqual([1]);
  });

  it('opens with the given statement (an isolation level)', async () => {
    const level = await withTransaction(
      pool,
      async (client) =>
        (await client.query('SHOW transaction_isolation')).rows[0].transaction_isolation,
      {
        begin: 'BEGIN ISOLATION LEVEL REPEATABLE READ',
      },
    );
    expect(level).toBe('repeatable read');
  });

  it("end: 'by-work' leaves BEGIN and COMMIT to the work, and still rolls back a work that fails", async () => {
    await withTransaction(
      pool,
      async (client) => client.query('BEGIN; INSERT INTO tx_probe VALUES (4); COMMIT'),
      { end: 'by-work' },
    );
    const failure = withTransaction(
      pool,
      async (client) => {
        await client.query('BEGIN; INSERT INTO tx_probe VALUES (5)');
        throw new Error('refused before COMMIT');
      },
      { end: 'by-work' },
    );
    await expect(failure).rejects.toThrow('refused before COMMIT');
    expect(await rows()).toEqual([1, 4]);
  });
});
