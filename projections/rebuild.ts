import type pg from 'pg';
import type { RecordedEvent } from '../src/eventstore/event-store.port.js';
import { ledgerLogReader } from '../src/eventstore/ledger-log-reader.js';
import { withTransaction } from '../src/shared/transaction.js';
import { checkpointsSchemaSql } from './projection-runner.js';
import { quoteIdent, type Projection } from './projection.js';
import { insertByCopy } from './row-inserter.js';
import { partitionOf } from '../src/messaging/stream-partition.js';

// Rebuild and drift check, both folds of the log itself:
// - rebuild: in one transaction, holding the projection's checkpoint row (the live runner waits),
//   empty its tables, fold the whole log into them and set the checkpoint to the head. The rows a
//   fold only inserts go in by COPY (row-inserter.ts): the tables are empty and TRUNCATE holds
//   them exclusively until the commit, so nothing else writes them meanwhile.
// - check: in one repeatable-read transaction (one snapshot of log, tables and checkpoint), fold
//   the log up to the live checkpoint into a scratch schema and compare it row by row with the
//   live tables; the transaction is rolled back, so the scratch schema never persists.

/**
 * Fields no projection folds, left in the database by rebuilds and drift checks instead of being
 * sent and parsed: a settlement's per-tier working, the annual sums before and after it and the
 * invoice's content hash, kept in the log for auditors (GET /claims/{id}, person history) and
 * about three quarters of a settled claim's bytes (measured on 1M events, the first two: rebuild
 * 21k -> 25k events/s; on the bench's 20,000 events the other two are another 3 of the 12 MB
 * read). The live runner folds whole events, so the rebuild-equals-live test and `projections
 * check` prove the folds do without them; test/architecture.spec.ts keeps projections/ from
 * naming them. An upcaster that needs one of them must take it off this list.
 */
export const fieldsNoFoldReads: Readonly<Record<string, readonly string[]>> = {
  ClaimSettled: ['tiers', 'annualSumsBefore', 'annualSumsAfter', 'contentHash'],
};

export type Progress = (projection: string, position: number, head: number) => void;

/** The event types any of the projections folds: the rest of the log is neither sent nor parsed. */
function typesFolded(selected: readonly Projection[]): string[] {
  return [...new Set(selected.flatMap((p) => p.canHandle))];
}

async function fold(
  client: pg.PoolClient,
  schema: string,
  projection: Projection,
  toPosition: number,
  progress?: Progress,
  applied: (event: RecordedEvent) => boolean = () => true,
): Promise<void> {
  const log = ledgerLogReader(client); // the check's snapshot
  for await (const events of log.foldBatches(toPosition, {
    types: typesFolded([projection]),
    omit: fieldsNoFoldReads,
  })) {
    const relevant = events.filter((e) => applied(e));
    if (relevant.length > 0) await projection.apply(client, schema, relevant, log);
    progress?.(projection.name, events[events.length - 1]!.position, toPosition);
  }
  progress?.(projection.name, toPosition, toPosition);
}

/**
 * What a projection has applied, as of the check's snapshot: everything up to its log checkpoint
 * and, when Kafka workers keep it, on each partition everything up to that partition's checkpoint
 * (a worker applies a partition as a prefix, in position order).
 */
async function appliedSet(
  client: pg.PoolClient,
  projection: Projection,
  logCheckpoint: number,
): Promise<{ upTo: number; applied: (e: RecordedEvent) => boolean }> {
  const { rows } = await client.query<{
    topic: string;
    partitions: number;
    partition: number;
    position: string;
  }>(
    `SELECT c.topic, k.partitions, c.partition, c.position::text AS position
       FROM projection_partition_checkpoints c JOIN kafka_publisher k ON k.topic = c.topic
      WHERE c.projection = $1 AND c.position > $2`,
    [projection.name, logCheckpoint],
  );
  if (rows.length === 0) return { upTo: logCheckpoint, applied: () => true };
  if (new Set(rows.map((r) => r.topic)).size > 1)
    throw new Error(`${projection.name} is kept from more than one topic; check one at a time`);
  const { topic, partitions } = rows[0]!;
  const bound = new Map(rows.map((r) => [r.partition, Number(r.position)]));
  return {
    upTo: Math.max(logCheckpoint, ...bound.values()),
    applied: (e) =>
      e.position <= logCheckpoint ||
      e.position <= (bound.get(partitionOf(e.streamId, partitions, topic)) ?? 0),
  };
}

export async function rebuildProjection(
  pool: pg.Pool,
  projection: Projection,
  progress?: Progress,
): Promise<number> {
  return rebuildProjections(pool, [projection], progress);
}

/** Rebuilds several projections in one pass over the log, in one transaction. */
export async function rebuildProjections(
  pool: pg.Pool,
  selected: readonly Projection[],
  progress?: Progress,
): Promise<number> {
  const names = selected.map((p) => p.name);
  return withTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO projection_checkpoints (name, position) SELECT unnest($1::text[]), 0 ON CONFLICT (name) DO NOTHING`,
      [names],
    );
    await client.query(
      'SELECT position FROM projection_checkpoints WHERE name = ANY($1::text[]) ORDER BY name FOR UPDATE',
      [names],
    );
    const tables = selected.flatMap((p) => p.tables);
    await client.query(`TRUNCATE ${tables.map((t) => `public.${quoteIdent(t)}`).join(', ')}`);
    const secondary = await dropSecondaryIndexes(client, tables);
    const log = ledgerLogReader(client);
    const to = await log.head();
    // batches come over the pool (another connection), so the next is read while this one folds
    const batches = ledgerLogReader(pool).foldBatches(to, {
      types: typesFolded(selected),
      omit: fieldsNoFoldReads,
      prefetch: true,
    });
    for await (const events of batches) {
      for (const projection of selected) {
        const relevant = events.filter((e) => projection.canHandle.includes(e.type));
        if (relevant.length > 0)
          await projection.apply(client, 'public', relevant, log, insertByCopy);
      }
      progress?.(names.join('+'), events[events.length - 1]!.position, to);
    }
    progress?.(names.join('+'), to, to); // the log's tail may hold no event these projections fold
    // one round trip: the SET and every index definition as one simple query, in this transaction
    await client.query([`SET LOCAL maintenance_work_mem = '256MB'`, ...secondary].join(';\n'));
    await client.query(
      'UPDATE projection_checkpoints SET position = $2 WHERE name = ANY($1::text[])',
      [names, to],
    );
    return to;
  });
}

/**
 * Drops the secondary indexes of the (just emptied) tables and returns their definitions: one
 * index build from the full table after the fold is cheaper than millions of index insertions
 * during it. Primary keys and unique constraints stay (the folds' upserts need them). All inside
 * the rebuild's transaction; nobody reads the tables meanwhile (TRUNCATE holds them exclusively).
 */
async function dropSecondaryIndexes(
  client: pg.PoolClient,
  tables: readonly string[],
): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND t.relname = ANY($1::text[]) AND NOT i.indisprimary AND NOT i.indisunique
      ORDER BY 1`,
    [tables],
  );
  if (rows.length > 0) await client.query(`DROP INDEX ${rows.map((r) => r.name).join(', ')}`);
  return rows.map((r) => r.definition);
}

export interface DriftReport {
  readonly projection: string;
  readonly position: number;
  readonly ok: boolean;
  readonly tables: ReadonlyArray<{
    readonly table: string;
    readonly missing: number;
    readonly unexpected: number;
    readonly sample: readonly unknown[];
  }>;
}

export async function checkProjection(
  pool: pg.Pool,
  projection: Projection,
  progress?: Progress,
): Promise<DriftReport> {
  const scratch = `drift_check_${process.pid}_${Date.now()}`;
  // one snapshot of log, tables and checkpoint; rolled back, so the scratch schema never persists
  return withTransaction(
    pool,
    async (client) => {
      const { rows } = await client.query<{ position: string }>(
        'SELECT position::text AS position FROM projection_checkpoints WHERE name = $1',
        [projection.name],
      );
      const { upTo: position, applied } = await appliedSet(
        client,
        projection,
        Number(rows[0]?.position ?? 0),
      );
      await client.query(`CREATE SCHEMA ${quoteIdent(scratch)}`);
      await client.query(checkpointsSchemaSql(scratch));
      await client.query(projection.schemaSql(scratch));
      await fold(client, scratch, projection, position, progress, applied);
      const tables = [];
      for (const table of projection.tables)
        tables.push(await compareTable(client, scratch, table));
      return {
        projection: projection.name,
        position,
        ok: tables.every((t) => t.missing === 0 && t.unexpected === 0),
        tables,
      };
    },
    { begin: 'BEGIN ISOLATION LEVEL REPEATABLE READ', end: 'rollback' },
  );
}

/** The rows of the live table the fold into the scratch schema does not give, and the other way round. */
async function compareTable(
  client: pg.PoolClient,
  scratch: string,
  table: string,
): Promise<DriftReport['tables'][number]> {
  const live = `public.${quoteIdent(table)}`;
  const rebuilt = `${quoteIdent(scratch)}.${quoteIdent(table)}`;
  const missing = await client.query(
    `SELECT to_jsonb(x) AS row FROM (SELECT * FROM ${rebuilt} EXCEPT ALL SELECT * FROM ${live}) x`,
  );
  const unexpected = await client.query(
    `SELECT to_jsonb(x) AS row FROM (SELECT * FROM ${live} EXCEPT ALL SELECT * FROM ${rebuilt}) x`,
  );
  return {
    table,
    missing: missing.rowCount ?? 0,
    unexpected: unexpected.rowCount ?? 0,
    sample: [
      ...missing.rows.slice(0, 3).map((r) => ({ missing: r.row })),
      ...unexpected.rows.slice(0, 3).map((r) => ({ unexpected: r.row })),
    ],
  };
}
