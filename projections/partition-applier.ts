import type pg from 'pg';
import type { RecordedEvent } from '../src/eventstore/event-store.port.js';
import type { Projection } from './projection.js';
import { ledgerLogReader } from '../src/eventstore/ledger-log-reader.js';
import { withTransaction } from '../src/shared/transaction.js';

// Applies one partition's delivery of the Kafka topic to partitionable projections, exactly once
// in effect: in one transaction, the partition's checkpoint rows are locked, each projection gets
// only the events past max(its partition checkpoint, its log checkpoint) in delivery order
// (a republished batch arrives again after the events it repeats: dropped by position), and the
// partition checkpoints move with the rows. The log checkpoint (projection_checkpoints) is only
// moved by a rebuild, which folds the whole log up to the head; the row is read FOR SHARE, so a
// rebuild waits for the workers' transactions and they wait for it.

export interface PartitionDelivery {
  readonly topic: string;
  readonly partition: number;
  /** in the partition's order */
  readonly events: readonly RecordedEvent[];
}

export interface PartitionApplied {
  readonly applied: number;
  readonly duplicates: number;
}

export function requirePartitionable(selected: readonly Projection[]): void {
  const ordered = selected.filter((p) => !p.partitionable);
  if (ordered.length > 0) {
    throw new Error(
      `${ordered.map((p) => p.name).join(', ')} needs the log's global order; run it in the service (not in a Kafka worker)`,
    );
  }
}

export async function applyPartition(
  pool: pg.Pool,
  selected: readonly Projection[],
  delivery: PartitionDelivery,
): Promise<PartitionApplied> {
  requirePartitionable(selected);
  const names = selected.map((p) => p.name);
  return withTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO projection_checkpoints (name, position) SELECT unnest($1::text[]), 0 ON CONFLICT (name) DO NOTHING`,
      [names],
    );
    const logCheckpoints = await client.query<{ name: string; position: string }>(
      'SELECT name, position::text AS position FROM projection_checkpoints WHERE name = ANY($1::text[]) ORDER BY name FOR SHARE',
      [names],
    );
    await client.query(
      `INSERT INTO projection_partition_checkpoints (projection, topic, partition, position) SELECT unnest($1::text[]), $2, $3, 0 ON CONFLICT DO NOTHING`,
      [names, delivery.topic, delivery.partition],
    );
    const partitionCheckpoints = await client.query<{ projection: string; position: string }>(
      `SELECT projection, position::text AS position FROM projection_partition_checkpoints
        WHERE projection = ANY($1::text[]) AND topic = $2 AND partition = $3 ORDER BY projection FOR UPDATE`,
      [names, delivery.topic, delivery.partition],
    );
    const logAt = new Map(logCheckpoints.rows.map((r) => [r.name, Number(r.position)]));
    const partitionAt = new Map(
      partitionCheckpoints.rows.map((r) => [r.projection, Number(r.position)]),
    );
    let applied = 0;
    let duplicates = 0;
    for (const projection of selected) {
      let floor = Math.max(partitionAt.get(projection.name) ?? 0, logAt.get(projection.name) ?? 0);
      const fresh: RecordedEvent[] = [];
      for (const event of delivery.events) {
        if (event.position <= floor) {
          duplicates += 1;
          continue;
        }
        floor = event.position;
        if (projection.canHandle.includes(event.type)) fresh.push(event);
      }
      if (fresh.length > 0)
        await projection.apply(client, 'public', fresh, ledgerLogReader(client));
      applied += fresh.length;
      await client.query(
        'UPDATE projection_partition_checkpoints SET position = GREATEST(position, $4) WHERE projection = $1 AND topic = $2 AND partition = $3',
        [projection.name, delivery.topic, delivery.partition, floor],
      );
    }
    return { applied, duplicates };
  });
}
