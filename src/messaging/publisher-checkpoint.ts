import type pg from 'pg';
import { withTransaction } from '../shared/transaction.js';

// Where the relay stands: the position up to which the brokers acknowledged every event, the
// partition count it partitioned by, and per partition the last position sent there. Saved in
// one transaction after each acknowledged batch.

export async function loadPublisherCheckpoint(
  db: Pick<pg.Pool, 'query'>,
  topic: string,
): Promise<number> {
  const { rows } = await db.query<{ position: string }>(
    'SELECT position::text AS position FROM kafka_publisher WHERE topic = $1',
    [topic],
  );
  return Number(rows[0]?.position ?? 0);
}

export async function savePublisherCheckpoint(
  pool: pg.Pool,
  topic: string,
  partitions: number,
  position: number,
  lastPerPartition: ReadonlyMap<number, number>,
): Promise<void> {
  await withTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO kafka_publisher (topic, partitions, position) VALUES ($1, $2, $3)
       ON CONFLICT (topic) DO UPDATE SET position = GREATEST(kafka_publisher.position, EXCLUDED.position), partitions = EXCLUDED.partitions, updated_at = now()`,
      [topic, partitions, position],
    );
    if (lastPerPartition.size > 0) {
      await client.query(
        `INSERT INTO kafka_published_partitions AS p (topic, partition, position) SELECT $1, * FROM unnest($2::int[], $3::bigint[])
         ON CONFLICT (topic, partition) DO UPDATE SET position = GREATEST(p.position, EXCLUDED.position)`,
        [topic, [...lastPerPartition.keys()], [...lastPerPartition.values()]],
      );
    }
  });
}
