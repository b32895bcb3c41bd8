import type pg from 'pg';

// Has a worker-fed projection applied every event up to position P? Yes when its log checkpoint
// (a rebuild's) is at P, or when the relay has published up to P and, on every partition, the
// projection's partition checkpoint has reached min(P, the last position published there):
// partitions carry positions in increasing order, so a checkpoint at or past that bound means
// every event at or below P on that partition has been applied.
export async function partitionedProjectionReached(
  db: Pick<pg.Pool, 'query'>,
  projection: string,
  topic: string,
  position: number,
): Promise<boolean> {
  const { rows } = await db.query<{ reached: boolean }>(
    `WITH log_cp AS (SELECT COALESCE((SELECT position FROM projection_checkpoints WHERE name = $1), 0) AS position)
     SELECT (SELECT position FROM log_cp) >= $3
         OR (COALESCE((SELECT position FROM kafka_publisher WHERE topic = $2), 0) >= $3
             AND NOT EXISTS (
               SELECT 1 FROM kafka_published_partitions pp
               LEFT JOIN projection_partition_checkpoints pc ON pc.projection = $1 AND pc.topic = pp.topic AND pc.partition = pp.partition
               WHERE pp.topic = $2
                 AND LEAST($3::bigint, pp.position) > (SELECT position FROM log_cp)
                 AND COALESCE(pc.position, 0) < LEAST($3::bigint, pp.position))) AS reached`,
    [projection, topic, position],
  );
  return rows[0]?.reached === true;
}
