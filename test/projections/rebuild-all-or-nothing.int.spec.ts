import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { personYear, prng } from '../../bench/province-workload.js';
import { ledgerEventCatalogue } from '../../events/index.js';
import { claimsProjection } from '../../projections/claims/claims.projection.js';
import { projections } from '../../projections/index.js';
import { quoteIdent, type Projection } from '../../projections/projection.js';
import { checkProjection, rebuildProjections } from '../../projections/rebuild.js';
import { reconciliationProjection } from '../../projections/reconciliation/reconciliation.projection.js';
import { PostgresEventStore } from '../../src/eventstore/postgres/postgres-event-store.js';
import { createTestDatabase } from '../support/test-database.js';

// A rebuild is one transaction: it empties the tables, drops their secondary indexes, COPYs the
// fold of the log in and re-creates the indexes. A rebuild that fails part-way (a COPY refused by
// the database after other projections' COPYs went in; a fold that throws after its own COPY)
// leaves every table, index and checkpoint as it was; the next rebuild folds everything.

const tables = projections.flatMap((p) => p.tables);

async function state(pool: pg.Pool): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const table of tables)
    out[table] = (
      await pool.query<{ row: string }>(
        `SELECT to_jsonb(t)::text AS row FROM public.${quoteIdent(table)} t ORDER BY 1`,
      )
    ).rows.map((r) => r.row);
  out.checkpoints = (
    await pool.query(
      'SELECT name, position::text FROM projection_checkpoints WHERE name = ANY($1::text[]) ORDER BY name',
      [projections.map((p) => p.name)],
    )
  ).rows;
  out.indexes = (
    await pool.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = ANY($1::text[]) ORDER BY 1`,
      [tables],
    )
  ).rows;
  return out;
}

/** The claims fold, sending every settled claim twice: the COPY into claims_view fails on its key. */
const claimsTwice: Projection = {
  ...claimsProjection,
  apply: (client, schema, events, log, rows) =>
    claimsProjection.apply(client, schema, [...events, ...events], log, rows),
};

/** The reconciliation fold, failing after its own COPY went in. */
const reconciliationThenFail: Projection = {
  ...reconciliationProjection,
  apply: async (client, schema, events, log, rows) => {
    await reconciliationProjection.apply(client, schema, events, log, rows);
    throw new Error('the fold failed after its rows were copied');
  },
};

describe('a rebuild that fails part-way changes nothing', () => {
  let pool: pg.Pool;
  let store: PostgresEventStore;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: await createTestDatabase(), max: 4 });
    store = new PostgresEventStore(pool, { upcast: (e) => ledgerEventCatalogue.upcast(e) });
    const random = prng(11);
    for (let i = 0; i < 12; i += 1)
      await store.append(personYear(i, random, 2 + Math.floor(random() * 8)).request);
    await rebuildProjections(pool, projections);
  }, 120_000);

  afterAll(async () => {
    await store.close();
    await pool.end();
  });

  it('leaves tables, indexes and checkpoints as they were, then a rebuild folds the events since', async () => {
    const before = await state(pool);
    expect((before.claims_view as unknown[]).length).toBeGreaterThan(10);
    expect((before.indexes as unknown[]).length).toBeGreaterThan(tables.length);
    const random = prng(12);
    for (let i = 12; i < 16; i += 1)
      await store.append(personYear(i, random, 3 + Math.floor(random() * 5)).request);

    const withKeyFailure = projections.map((p) => (p.name === 'claims' ? claimsTwice : p));
    await expect(rebuildProjections(pool, withKeyFailure)).rejects.toThrow(/duplicate key/);
    expect(await state(pool)).toEqual(before);

    const withFoldFailure = projections.map((p) =>
      p.name === 'reconciliation' ? reconciliationThenFail : p,
    );
    await expect(rebuildProjections(pool, withFoldFailure)).rejects.toThrow(/after its rows/);
    expect(await state(pool)).toEqual(before);

    const head = await rebuildProjections(pool, projections);
    const after = await state(pool);
    expect(after.indexes).toEqual(before.indexes);
    expect((after.claims_view as unknown[]).length).toBeGreaterThan(
      (before.claims_view as unknown[]).length,
    );
    expect(after.checkpoints).toEqual(
      projections
        .map((p) => ({ name: p.name, position: String(head) }))
        .sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
    for (const projection of projections)
      expect((await checkProjection(pool, projection)).ok).toBe(true);
  });
});
