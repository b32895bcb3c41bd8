import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { personYear, prng } from '../../bench/province-workload.js';
import { ledgerEventCatalogue } from '../../events/index.js';
import { projections } from '../../projections/index.js';
import { applyPartition } from '../../projections/partition-applier.js';
import { quoteIdent } from '../../projections/projection.js';
import { partitionedProjectionReached } from '../../projections/projection-watermark.js';
import { checkProjection, rebuildProjections } from '../../projections/rebuild.js';
import type { RecordedEvent } from '../../src/eventstore/event-store.port.js';
import { PostgresEventStore } from '../../src/eventstore/postgres/postgres-event-store.js';
import { savePublisherCheckpoint } from '../../src/messaging/publisher-checkpoint.js';
import { partitionOf } from '../../src/messaging/stream-partition.js';
import { createTestDatabase } from '../support/test-database.js';

// What a Kafka worker does with what it is delivered, against a real PostgreSQL, without a broker:
// the log is split by stream id into partitions exactly as the relay would publish it, and the
// partitions are applied in a shuffled interleaving, in random batch sizes, with republished
// stretches (the at-least-once relay). The read models must equal a rebuild from the log.

const topic = 'ledger.events';
const partitions = 4;
const partitionable = projections.filter((p) => p.partitionable);

async function snapshot(pool: pg.Pool): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of partitionable.flatMap((p) => p.tables)) {
    const { rows } = await pool.query(
      `SELECT to_jsonb(t)::text AS row FROM public.${quoteIdent(table)} t ORDER BY 1`,
    );
    out[table] = rows.map((r) => r.row);
  }
  return out;
}

async function emptyReadModels(pool: pg.Pool): Promise<void> {
  await pool.query(
    `TRUNCATE ${partitionable
      .flatMap((p) => p.tables)
      .map((t) => `public.${quoteIdent(t)}`)
      .join(', ')}`,
  );
  await pool.query('UPDATE projection_checkpoints SET position = 0');
  await pool.query('DELETE FROM projection_partition_checkpoints');
}

describe("projections applied per Kafka partition (the worker's fold)", () => {
  let pool: pg.Pool;
  let store: PostgresEventStore;
  let log: RecordedEvent[];
  let byPartition: RecordedEvent[][];
  let expected: Record<string, unknown[]>;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: await createTestDatabase(), max: 6 });
    store = new PostgresEventStore(pool, { upcast: (e) => ledgerEventCatalogue.upcast(e) });
    const random = prng(7);
    for (let i = 0; i < 40; i += 1)
      await store.append(personYear(i, random, Math.floor(random() * 12)).request);
    log = await store.readAll(0, 100_000);
    byPartition = Array.from({ length: partitions }, () => []);
    for (const e of log) byPartition[partitionOf(e.streamId, partitions, topic)]!.push(e);
    await rebuildProjections(pool, partitionable);
    expected = await snapshot(pool);
  }, 120_000);

  afterAll(async () => {
    await store.close();
    await pool.end();
  });

  it('spreads the log over every partition and keeps each stream on one', () => {
    expect(log.length).toBeGreaterThan(300);
    expect(byPartition.every((p) => p.length > 0)).toBe(true);
    const partitionsOfStream = new Map<string, Set<number>>();
    byPartition.forEach((events, p) =>
      events.forEach((e) =>
        partitionsOfStream.set(
          e.streamId,
          (partitionsOfStream.get(e.streamId) ?? new Set()).add(p),
        ),
      ),
    );
    expect([...partitionsOfStream.values()].filter((s) => s.size > 1)).toEqual([]);
  });

  it('equals a rebuild after shuffled, duplicated partition deliveries, and counts the duplicates it dropped', async () => {
    await emptyReadModels(pool);
    const random = prng(99);
    const next = byPartition.map(() => 0);
    let duplicatesSent = 0;
    let duplicatesDropped = 0;
    while (next.some((n, p) => n < byPartition[p]!.length)) {
      const open = next.map((n, p) => (n < byPartition[p]!.length ? p : -1)).filter((p) => p >= 0);
      const p = open[Math.floor(random() * open.length)]!;
      const size = 1 + Math.floor(random() * 40);
      let batch = byPartition[p]!.slice(next[p], next[p]! + size);
      if (next[p]! > 0 && random() < 0.3) {
        const replay = byPartition[p]!.slice(Math.max(0, next[p]! - 10), next[p]); // the relay republished its last batch
        duplicatesSent += replay.length;
        batch = [...replay, ...batch];
      }
      next[p] = next[p]! + size;
      duplicatesDropped +=
        (await applyPartition(pool, partitionable, { topic, partition: p, events: batch }))
          .duplicates / partitionable.length;
    }
    expect(duplicatesSent).toBeGreaterThan(0);
    expect(duplicatesDropped).toBe(duplicatesSent);
    expect(await snapshot(pool)).toEqual(expected);
  });

  it('answers "reached position P?" only once every partition holding events up to P has applied them', async () => {
    await emptyReadModels(pool);
    const head = log[log.length - 1]!.position;
    const lastPerPartition = new Map(
      byPartition.map((events, p) => [p, events[events.length - 1]!.position]),
    );
    await savePublisherCheckpoint(pool, topic, partitions, head, lastPerPartition);
    const [first, ...others] = byPartition.map((events, p) => ({ p, events }));
    await applyPartition(pool, partitionable, {
      topic,
      partition: first!.p,
      events: first!.events,
    });
    expect(await partitionedProjectionReached(pool, 'postings', topic, head)).toBe(false);
    // a position before the first event of every other partition is reached already
    const earliestElsewhere = Math.min(...others.map((o) => o.events[0]!.position));
    const onlyFirstBefore =
      first!.events.filter((e) => e.position < earliestElsewhere).length > 0
        ? earliestElsewhere - 1
        : 0;
    if (onlyFirstBefore > 0)
      expect(await partitionedProjectionReached(pool, 'postings', topic, onlyFirstBefore)).toBe(
        true,
      );
    for (const o of others)
      await applyPartition(pool, partitionable, { topic, partition: o.p, events: o.events });
    expect(await partitionedProjectionReached(pool, 'postings', topic, head)).toBe(true);
    expect(await partitionedProjectionReached(pool, 'postings', topic, head + 1)).toBe(false); // not published yet
  });

  it('skips, after a rebuild, everything the rebuild folded, whatever is redelivered', async () => {
    await rebuildProjections(pool, partitionable);
    await pool.query('UPDATE projection_partition_checkpoints SET position = 0'); // as if the worker had applied nothing
    for (const [p, events] of byPartition.entries()) {
      const { applied } = await applyPartition(pool, partitionable, {
        topic,
        partition: p,
        events,
      });
      expect(applied).toBe(0);
    }
    expect(await snapshot(pool)).toEqual(expected);
  });

  it('drift check compares a worker-fed projection with exactly what each partition applied', async () => {
    await emptyReadModels(pool);
    const head = log[log.length - 1]!.position;
    await savePublisherCheckpoint(
      pool,
      topic,
      partitions,
      head,
      new Map(byPartition.map((events, p) => [p, events[events.length - 1]!.position])),
    );
    // partitions applied to different depths, as running workers leave them at any moment
    for (const [p, events] of byPartition.entries()) {
      await applyPartition(pool, partitionable, {
        topic,
        partition: p,
        events: events.slice(0, Math.floor((events.length * (p + 1)) / (partitions + 1))),
      });
    }
    for (const projection of partitionable)
      expect((await checkProjection(pool, projection)).ok).toBe(true);
    const someLine = (
      await pool.query('SELECT position, line FROM ledger_postings ORDER BY position DESC LIMIT 1')
    ).rows[0];
    await pool.query(
      'UPDATE ledger_postings SET debit_fen = debit_fen + 1 WHERE position = $1 AND line = $2',
      [someLine.position, someLine.line],
    );
    const report = await checkProjection(
      pool,
      partitionable.find((p) => p.name === 'postings')!,
    );
    expect(report.ok).toBe(false);
    expect(report.tables[0]).toMatchObject({ table: 'ledger_postings', missing: 1, unexpected: 1 });
  });

  it("refuses a projection that needs the log's order", async () => {
    const alerts = projections.filter((p) => p.name === 'alerts');
    await expect(applyPartition(pool, alerts, { topic, partition: 0, events: [] })).rejects.toThrow(
      /alerts needs the log's global order/,
    );
  });
});
