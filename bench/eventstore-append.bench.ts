import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { NewEvent } from '../src/eventstore/event-store.port.js';
import { PostgresEventStore } from '../src/eventstore/postgres/postgres-event-store.js';
import { startBenchDatabase } from './bench-database.js';

// Events appended per second through the EventStore port, beside COPY of the same rows into a
// plain table on the same database in the same run (the baseline: the fastest way PostgreSQL
// takes rows). Single-event appends to distinct streams and 100-event batches, with 1 and 64
// concurrent appenders.

const sampleData = {
  personId: 'per_0123456789abcdef01234567',
  amountFen: 123456,
  regionCode: '370800',
  note: '住院结算',
};

function newEvent(): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'BenchEvent',
    schemaVersion: 1,
    data: sampleData,
    metadata: { actor: 'bench' },
  };
}

async function copyRate(pool: pg.Pool, rows: number): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query(
      'DROP TABLE IF EXISTS copy_baseline; CREATE TABLE copy_baseline (position bigint, stream_id text, stream_version int, event_id uuid, type text, schema_version int, data jsonb, metadata jsonb, recorded_at timestamptz, hash bytea)',
    );
    const json = JSON.stringify(sampleData).replaceAll('\\', '\\\\');
    const meta = JSON.stringify({ actor: 'bench' });
    const now = new Date().toISOString();
    function* lines() {
      for (let i = 1; i <= rows; i += 1) {
        yield `${i}\tbench-${i}\t1\t${randomUUID()}\tBenchEvent\t1\t${json}\t${meta}\t${now}\t\\\\x${'ab'.repeat(32)}\n`;
      }
    }
    const started = process.hrtime.bigint();
    await pipeline(
      Readable.from(lines()),
      client.query(copyStreams.from('COPY copy_baseline FROM STDIN')),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return rows / seconds;
  } finally {
    client.release();
  }
}

async function appendRate(
  store: PostgresEventStore,
  appenders: number,
  appendsEach: number,
  batchSize: number,
): Promise<number> {
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: appenders }, async () => {
      for (let i = 0; i < appendsEach; i += 1) {
        await store.append({
          streams: [
            {
              streamId: `bench-${randomUUID()}`,
              expectedVersion: 'no-stream',
              events: Array.from({ length: batchSize }, newEvent),
            },
          ],
        });
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return (appenders * appendsEach * batchSize) / seconds;
}

export async function benchEventStoreAppend(): Promise<Record<string, number>> {
  const database = await startBenchDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 70 });
  const store = new PostgresEventStore(pool);
  try {
    await appendRate(store, 8, 50, 1); // warm-up
    const scenarios: Array<[string, number, number, number]> = [
      ['single-event appends, 1 appender', 1, 2000, 1],
      ['single-event appends, 64 appenders', 64, 300, 1],
      ['100-event batches, 1 appender', 1, 200, 100],
      ['100-event batches, 64 appenders', 64, 10, 100],
    ];
    const copy = await copyRate(pool, 50000);
    const results: Record<string, number> = { 'COPY into a plain table (baseline)': copy };
    console.log(
      `\nEvent store appends vs COPY (same database, same run)\n  COPY baseline: ${copy.toFixed(0)} rows/s`,
    );
    for (const [name, appenders, each, batch] of scenarios) {
      const rate = await appendRate(store, appenders, each, batch);
      results[name] = rate;
      console.log(
        `  ${name.padEnd(40)} ${rate.toFixed(0).padStart(8)} events/s   ${(rate / copy).toFixed(3)} x COPY`,
      );
    }
    return results;
  } finally {
    await store.close();
    await pool.end();
    await database.stop();
  }
}
