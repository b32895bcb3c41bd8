import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import pg from 'pg';
import {
  insertByCopy,
  insertByUnnest,
  type InsertColumn,
  type RowInserter,
} from '../../projections/row-inserter.js';
import { createTestDatabase } from '../support/test-database.js';

// The two ways a fold inserts rows (row-inserter.ts) over a real PostgreSQL: COPY, which a rebuild
// uses, must give exactly the rows the live folds' INSERT ... unnest gives, whatever the text holds
// (COPY's own escapes: backslash, tab, newline, carriage return, and its NULL marker \N), and
// must fail as the INSERT does, all or nothing within the caller's transaction.

const tableSql = (name: string) => `
  CREATE TABLE ${name} (
    id      bigint      PRIMARY KEY,
    label   text,
    ref     uuid,
    n       integer,
    fen     bigint,
    on_day  date,
    at      timestamptz
  )`;

type Row = {
  id: number;
  label: string | null;
  ref: string | null;
  n: number | null;
  fen: number | null;
  onDay: string | null;
  at: string | null;
};

const columnsOf = (rows: readonly Row[]): InsertColumn[] => [
  ['id', 'bigint', rows.map((r) => r.id)],
  ['label', 'text', rows.map((r) => r.label)],
  ['ref', 'uuid', rows.map((r) => r.ref)],
  ['n', 'int', rows.map((r) => r.n)],
  ['fen', 'bigint', rows.map((r) => r.fen)],
  ['on_day', 'date', rows.map((r) => r.onDay)],
  ['at', 'timestamptz', rows.map((r) => r.at)],
];

const tricky = [
  'plain',
  '',
  'tab\there',
  'new\nline',
  'carriage\rreturn',
  'back\\slash',
  '\\N',
  '\\.',
  'ends with backslash\\',
  '"quoted", {braced}, NULL',
  'null',
  '医保 一站式结算 😀',
  ' leading and trailing ',
];

describe('row inserters: COPY gives the rows INSERT ... unnest gives', () => {
  let pool: pg.Pool;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: await createTestDatabase({ migrate: false }), max: 2 });
  });

  afterAll(async () => {
    await pool.end();
  });

  async function insertedWith(inserter: RowInserter, table: string, rows: readonly Row[]) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`DROP TABLE IF EXISTS ${table}`);
      await client.query(tableSql(table));
      await inserter.insert(client, table, columnsOf(rows));
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const { rows: stored } = await pool.query<{ row: string }>(
      `SELECT to_jsonb(x)::text AS row FROM ${table} x ORDER BY id`,
    );
    return stored.map((r) => r.row);
  }

  it('stores every tricky text, NULLs, dates, instants and fen exactly as the INSERT does', async () => {
    const rows: Row[] = tricky.map((label, i) => ({
      id: i + 1,
      label,
      ref: i % 3 === 0 ? null : `0000000${i % 10}-1111-4222-8333-444455556666`,
      n: i % 4 === 0 ? null : -i,
      fen: i % 5 === 0 ? null : Number.MAX_SAFE_INTEGER - i,
      onDay: i % 2 === 0 ? null : `2023-0${(i % 9) + 1}-2${i % 9}`,
      at: i % 2 === 1 ? null : `2023-12-31T16:0${i % 10}:00.123Z`,
    }));
    const byUnnest = await insertedWith(insertByUnnest, 'by_unnest', rows);
    const byCopy = await insertedWith(insertByCopy, 'by_copy', rows);
    expect(byUnnest).toHaveLength(tricky.length);
    expect(byCopy).toEqual(byUnnest);
    expect(JSON.parse(byCopy[2]!).label).toBe('tab\there');
    expect(JSON.parse(byCopy[6]!).label).toBe('\\N');
    expect(JSON.parse(byCopy[0]!).label).toBe('plain');
    expect(JSON.parse(byCopy[0]!).n).toBeNull();
  });

  it('stores any generated text as the INSERT does (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(fc.string({ unit: 'binary', maxLength: 12 }), { nil: null }), {
          minLength: 1,
          maxLength: 40,
        }),
        async (labels) => {
          // PostgreSQL text holds no NUL character, whichever way it is sent
          const rows = labels.map((l, i) => ({
            id: i,
            label: l === null ? null : l.replace(/\0/g, ''),
            ref: null,
            n: i,
            fen: i * 100,
            onDay: '2024-02-29',
            at: '2024-02-29T00:00:00.000Z',
          }));
          expect(await insertedWith(insertByCopy, 'prop_copy', rows)).toEqual(
            await insertedWith(insertByUnnest, 'prop_unnest', rows),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('fails as the INSERT does and leaves nothing of the failed rows in the transaction', async () => {
    const client = await pool.connect();
    try {
      await client.query(`DROP TABLE IF EXISTS dupes; ${tableSql('dupes')}`);
      const row = (id: number): Row => ({
        id,
        label: 'x',
        ref: null,
        n: 1,
        fen: 1,
        onDay: null,
        at: null,
      });
      for (const inserter of [insertByUnnest, insertByCopy]) {
        await client.query('BEGIN');
        await inserter.insert(client, 'dupes', columnsOf([row(1)]));
        await expect(
          inserter.insert(client, 'dupes', columnsOf([row(2), row(3), row(1)])),
        ).rejects.toThrow(/duplicate key/);
        await client.query('ROLLBACK');
        // the connection is usable again and the table holds none of it
        expect((await client.query('SELECT count(*)::int AS n FROM dupes')).rows[0].n).toBe(0);
      }
    } finally {
      client.release();
    }
  });

  it('refuses a fractional or unsafe number in an integer column rather than send it (money is integer fen)', async () => {
    const client = await pool.connect();
    try {
      await client.query(`DROP TABLE IF EXISTS frac; ${tableSql('frac')}`);
      for (const inserter of [insertByUnnest, insertByCopy])
        for (const fen of [0.5, 2 ** 53, Number.NaN]) {
          const columns = columnsOf([
            { id: 1, label: null, ref: null, n: null, fen, onDay: null, at: null },
          ]);
          await expect(inserter.insert(client, 'frac', columns)).rejects.toThrow(/not an integer/);
        }
      expect((await client.query('SELECT count(*)::int AS n FROM frac')).rows[0].n).toBe(0);
    } finally {
      client.release();
    }
  });

  it('refuses columns of unequal lengths and names that are not plain', async () => {
    const client = await pool.connect();
    try {
      await expect(
        insertByCopy.insert(client, 'frac', [
          ['id', 'bigint', [1, 2]],
          ['label', 'text', ['a']],
        ]),
      ).rejects.toThrow(/1 values, not 2/);
      await expect(
        insertByUnnest.insert(client, 'frac', [['id; DROP TABLE frac', 'bigint', [1]]]),
      ).rejects.toThrow(/not a plain column name/);
    } finally {
      client.release();
    }
  });
});
