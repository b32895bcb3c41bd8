import { randomUUID } from 'node:crypto';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import {
  getPostgreSQLEventStore,
  type PostgresEventStore as EmmettStore,
} from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import type { NewEvent } from '../src/eventstore/event-store.port.js';
import { PostgresEventStore } from '../src/eventstore/postgres/postgres-event-store.js';
import { startBenchDatabase } from './bench-database.js';

// Issue 17, goal 1: this project's PostgresEventStore beside Emmett's PostgreSQL event store
// (appendToStream with an expected version) on one embedded PostgreSQL in one run. Each append
// goes to a new stream and carries a ~300-byte event; each case runs a few seconds per store and
// the figure is the median of three rounds, the order of the two stores rotating between rounds
// so that neither always runs on the warmer (or more bloated) database. Measures only.

export const emmettRounds = 3;
/** How long each store runs in one case of one round: long enough to fill the pool, short enough to rerun. */
export const emmettCaseMs = 2500;
const poolConnectionsMax = 70;

interface Case {
  readonly name: string;
  readonly writers: number;
  readonly eventsPerAppend: number;
}

const cases: readonly Case[] = [
  { name: 'single events, 1 writer', writers: 1, eventsPerAppend: 1 },
  { name: 'single events, 8 writers', writers: 8, eventsPerAppend: 1 },
  { name: 'single events, 64 writers', writers: 64, eventsPerAppend: 1 },
  { name: '100-event batches, 8 writers', writers: 8, eventsPerAppend: 100 },
  // Not one of the four: the batch case without concurrency. This store takes one lock
  // per batch (gap-free positions visible in order, the hash chain), Emmett lets transactions
  // insert side by side; with one writer neither can, so this case shows what each pays per event.
  { name: '100-event batches, 1 writer', writers: 1, eventsPerAppend: 100 },
];

/** Data whose canonical JSON is about 300 bytes (the event size). */
const payload = {
  personId: 'per_0123456789abcdef01234567',
  claimId: 'clm_0123456789abcdef01234567',
  institutionId: 'ins_0123456789abcdef01234567',
  amountFen: 123456,
  reimbursedFen: 98765,
  regionCode: '370800',
  serviceDate: '2026-12-02',
  note: '住院结算 inpatient settlement, bench payload padded to 300 bytes.',
};

type Append = (eventsPerAppend: number) => Promise<unknown>;

function ledgerAppend(store: PostgresEventStore): Append {
  const event = (): NewEvent => ({
    eventId: randomUUID(),
    type: 'BenchEvent',
    schemaVersion: 1,
    data: payload,
    metadata: {},
  });
  return (n) =>
    store.append({
      streams: [
        {
          streamId: `bench-${randomUUID()}`,
          expectedVersion: 'no-stream',
          events: Array.from({ length: n }, event),
        },
      ],
    });
}

function emmettAppend(store: EmmettStore): Append {
  const event = () => ({ type: 'BenchEvent', data: payload });
  return (n) =>
    store.appendToStream(`bench-${randomUUID()}`, Array.from({ length: n }, event), {
      expectedStreamVersion: STREAM_DOES_NOT_EXIST,
    });
}

interface Sample {
  readonly eventsPerSecond: number;
  /** CPU µs per event: PostgreSQL (server and backends) and this process (the writers) */
  readonly databaseUs: number;
  readonly writersUs: number;
}

/** Events per second: `writers` loops appending until the case's time is up; and CPU per event. */
async function rate(append: Append, benchCase: Case, databaseCpuMs: () => number): Promise<Sample> {
  const databaseBefore = databaseCpuMs();
  const ownBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const deadline = Date.now() + emmettCaseMs;
  let events = 0;
  await Promise.all(
    Array.from({ length: benchCase.writers }, async () => {
      while (Date.now() < deadline) {
        await append(benchCase.eventsPerAppend);
        events += benchCase.eventsPerAppend;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const own = process.cpuUsage(ownBefore);
  return {
    eventsPerSecond: events / seconds,
    databaseUs: ((databaseCpuMs() - databaseBefore) * 1000) / events,
    writersUs: (own.user + own.system) / events,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function benchEmmett(): Promise<Record<string, { ledger: number; emmett: number }>> {
  const database = await startBenchDatabase();
  const ledgerPool = new pg.Pool({ connectionString: database.url, max: poolConnectionsMax });
  const emmettPool = new pg.Pool({ connectionString: database.url, max: poolConnectionsMax });
  // idle connections closed by the database stopping at the end
  for (const pool of [ledgerPool, emmettPool]) pool.on('error', () => undefined);
  const ledger = new PostgresEventStore(ledgerPool);
  const emmett = getPostgreSQLEventStore(database.url, {
    connectionOptions: { pooled: true, pool: emmettPool },
  });
  const stores: Array<['ledger' | 'emmett', Append]> = [
    ['ledger', ledgerAppend(ledger)],
    ['emmett', emmettAppend(emmett)],
  ];
  try {
    await emmett.schema.migrate();
    for (const [, append] of stores)
      await rate(append, { name: 'warm-up', writers: 8, eventsPerAppend: 1 }, database.cpuMs);
    console.log(
      `\nThis project's PostgresEventStore vs Emmett ${'0.42'} (same database, same run; median of ${emmettRounds} rotated rounds)`,
    );
    const results: Record<string, { ledger: number; emmett: number }> = {};
    for (const benchCase of cases) {
      const samples = { ledger: [] as Sample[], emmett: [] as Sample[] };
      for (let round = 0; round < emmettRounds; round += 1) {
        const order = round % 2 === 0 ? stores : [...stores].reverse();
        for (const [name, append] of order)
          samples[name].push(await rate(append, benchCase, database.cpuMs));
      }
      const of = (name: 'ledger' | 'emmett', key: keyof Sample) =>
        median(samples[name].map((sample) => sample[key]));
      const figures = {
        ledger: of('ledger', 'eventsPerSecond'),
        emmett: of('emmett', 'eventsPerSecond'),
      };
      results[benchCase.name] = figures;
      console.log(
        `  ${benchCase.name.padEnd(30)} ledger ${figures.ledger.toFixed(0).padStart(7)} events/s   ` +
          `Emmett ${figures.emmett.toFixed(0).padStart(7)} events/s   ratio ${(figures.ledger / figures.emmett).toFixed(2)}   ` +
          `CPU µs per event, PostgreSQL / writers: ledger ${of('ledger', 'databaseUs').toFixed(0)} / ${of('ledger', 'writersUs').toFixed(0)}, ` +
          `Emmett ${of('emmett', 'databaseUs').toFixed(0)} / ${of('emmett', 'writersUs').toFixed(0)}`,
      );
    }
    return results;
  } finally {
    await ledger.close();
    await emmett.close();
    await ledgerPool.end().catch(() => undefined);
    await emmettPool.end().catch(() => undefined);
    await database.stop();
  }
}
