import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { residentIdWithCheck } from '../src/persons/domain/resident-id.js';
import { PostgresEventStore } from '../src/eventstore/postgres/postgres-event-store.js';
import { startBenchDatabase } from './bench-database.js';
import { ledgerLogReader } from '../src/eventstore/ledger-log-reader.js';
import { startService, type RunningService } from './service-process.js';
import { startNoopServer, type NoopKind } from './noop-http-ceiling.js';
import { sendJson, type JsonAnswer } from './load-client.js';

// Settlements per second and latency through HTTP (the service in its own process, alerts on), with
// 1, 8 and 32 concurrent clients on distinct persons and 32 clients on one hot person, and how far
// the alerts projection falls behind the log meanwhile. Baseline from the
// same run: single-event appends through the EventStore port with the same concurrency. At 32
// clients also the machine's HTTP ceiling in the same run: the same requests against a server that
// does nothing (Node's http module; NestJS on Express), each in its own process as the service is.

const claimsPerClient = { 1: 300, 8: 100, 32: 40 } as Record<number, number>;

function post(service: RunningService, path: string, body: unknown): Promise<JsonAnswer> {
  return sendJson(
    service.baseUrl,
    'POST',
    `/api/v1${path}`,
    { authorization: `Bearer ${service.key}` },
    body,
  );
}

let serial = 0;
async function coveredPerson(service: RunningService): Promise<string> {
  serial += 1;
  const nationalId = residentIdWithCheck(
    `370802198001${String(1 + (serial % 28)).padStart(2, '0')}${String(serial % 1000).padStart(3, '0')}`,
  );
  const birthDate = `1980-01-${String(1 + (serial % 28)).padStart(2, '0')}`;
  const person = await post(service, '/persons', {
    nationalId,
    name: `压测${serial}`,
    birthDate,
    regionCode: '370800',
  });
  const personId = person.body.personId as string;
  await post(service, `/persons/${personId}/assistance-status`, {
    category: 'minimum-living-allowance',
    effectiveFrom: '2022-01-01',
  });
  const enrolled = await post(service, '/enrollments', {
    personId,
    regionCode: '370800',
    coverageYear: 2023,
    category: 'adult',
    channel: 'centralized',
    enrolledOn: '2022-11-15',
  });
  if (enrolled.status !== 201)
    throw new Error(`enrollment failed: ${JSON.stringify(enrolled.body)}`);
  return personId;
}

const levels = ['grassroots', 'secondary', 'tertiary'] as const;
/** one designated institution per level (a claim states the registry's level) */
const institutionAt = (i: number) => `H37080000${i % 3}`;

/** Registers the bench's institutions, as the service requires before any claim names them. */
async function registerInstitutions(service: RunningService): Promise<void> {
  for (let i = 0; i < levels.length; i += 1) {
    const res = await post(service, '/institutions', {
      institutionId: institutionAt(i),
      name: `压测医院${i}`,
      level: levels[i],
      regionCode: '370800',
      agreementFrom: '2000-01-01',
    });
    if (res.status !== 201 && res.status !== 200)
      throw new Error(`registering an institution failed: ${JSON.stringify(res.body)}`);
  }
}

function claim(personId: string, i: number): Record<string, unknown> {
  return {
    personId,
    institutionId: institutionAt(i),
    institutionLevel: levels[i % 3],
    claimType: 'inpatient',
    invoiceNo: `B-${randomUUID()}`,
    admissionDate: '2023-03-01',
    dischargeDate: '2023-03-09',
    totalCostFen: 500000 + (i % 97) * 1013,
    policyCostFen: 400000 + (i % 89) * 907,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Samples how far the alerts projection is behind the log head while a run goes on. */
function lagSampler(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  let max = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const lag = await alertsProjectionLag(pool);
      max = Math.max(max, lag);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      const lag = await alertsProjectionLag(pool);
      await pool.end();
      return { max, atEnd: lag };
    },
  };
}

/** CPU ms per request: the server's process, PostgreSQL (server and backends), the load generator. */
interface CpuPerRequest {
  readonly server: number;
  readonly database: number;
  readonly clients: number;
}

async function run(
  service: RunningService,
  persons: string[],
  clients: number,
  each: number,
  databaseCpuMs: () => number = () => 0,
) {
  const latencies: number[] = [];
  let refused = 0;
  const cpuBefore = { server: service.cpuMs(), database: databaseCpuMs(), own: process.cpuUsage() };
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < each; i += 1) {
        const t0 = process.hrtime.bigint();
        const res = await post(service, '/claims', claim(persons[c % persons.length]!, i));
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (res.status !== 201) refused += 1;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const requests = clients * each;
  const own = process.cpuUsage(cpuBefore.own);
  const cpu: CpuPerRequest = {
    server: (service.cpuMs() - cpuBefore.server) / requests,
    database: (databaseCpuMs() - cpuBefore.database) / requests,
    clients: (own.user + own.system) / 1000 / requests,
  };
  latencies.sort((x, y) => x - y);
  return {
    rate: requests / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    refused,
    cpu,
  };
}

const cpuText = ({ server, database, clients }: CpuPerRequest, serverName: string) =>
  `CPU per request: ${serverName} ${server.toFixed(2)} ms, PostgreSQL ${database.toFixed(2)} ms, clients ${clients.toFixed(2)} ms`;

async function appendBaseline(url: string, appenders: number, each: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: Math.max(2, appenders) });
  const store = new PostgresEventStore(pool);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: appenders }, async () => {
      for (let i = 0; i < each; i += 1) {
        await store.append({
          streams: [
            {
              streamId: `base-${randomUUID()}`,
              expectedVersion: 'no-stream',
              events: [
                {
                  eventId: randomUUID(),
                  type: 'Baseline',
                  schemaVersion: 1,
                  data: { i },
                  metadata: {},
                },
              ],
            },
          ],
        });
      }
    }),
  );
  const rate = (appenders * each) / (Number(process.hrtime.bigint() - started) / 1e9);
  await store.close();
  await pool.end();
  return rate;
}

export async function benchSettlement(): Promise<void> {
  const database = await startBenchDatabase();
  const service = await startService(database.serviceUrl, database.url);
  try {
    const persons = [] as string[];
    await registerInstitutions(service);
    for (let i = 0; i < 32; i += 1) persons.push(await coveredPerson(service));
    const hot = await coveredPerson(service);
    await run(service, persons, 8, 20); // warm-up
    console.log(
      '\nSettlement through HTTP (service in its own process) vs single-event appends through the port, same run',
    );
    for (const clients of [1, 8, 32]) {
      const lag = lagSampler(database.url);
      const r = await run(service, persons, clients, claimsPerClient[clients]!, database.cpuMs);
      const alertsLag = await lag.stop();
      const base = await appendBaseline(database.url, clients, 200);
      console.log(
        `  ${String(clients).padStart(2)} clients, distinct persons: ${r.rate.toFixed(0).padStart(6)} settlements/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  refused ${r.refused}   baseline ${base.toFixed(0)} appends/s  ratio ${(r.rate / base).toFixed(3)}   alerts projection lag: max ${alertsLag.max} events, ${alertsLag.atEnd} at the end`,
      );
      console.log(`      ${cpuText(r.cpu, 'service')}`);
      if (clients === 32) await printCeilings(persons, base);
    }
    const h = await run(service, [hot], 32, 20, database.cpuMs);
    const usage = (
      await sendJson(service.baseUrl, 'GET', `/api/v1/persons/${hot}/usage?year=2023`, {
        authorization: `Bearer ${service.key}`,
      })
    ).body as Record<string, { paidFen: number; capFen: number | null }> & {
      inpatientBasicFen: number;
      inpatientCapFen: number;
    };
    const breach =
      usage.inpatientBasicFen > usage.inpatientCapFen ||
      ['assistance', 'reAssistance'].some(
        (k) => usage[k]!.capFen !== null && usage[k]!.paidFen > usage[k]!.capFen!,
      );
    console.log(
      `  32 clients, one hot person:        ${h.rate.toFixed(0).padStart(6)} settlements/s  p50 ${h.p50.toFixed(1)} ms  p99 ${h.p99.toFixed(1)} ms  refused ${h.refused}  cap breach: ${breach ? 'YES' : 'none'}`,
    );
    console.log(`      ${cpuText(h.cpu, 'service')}`);
  } finally {
    await service.stop();
    await database.stop();
  }
}

/**
 * The same 32 clients and requests against servers that do nothing: no setup, no database, no
 * work. What such a server costs per request is a floor under what a settlement costs on its
 * platform; where even it answers fewer than goal 2 (>= 0.25 x the appends) asks, the goal is out
 * of reach on that platform on this machine.
 */
async function printCeilings(persons: string[], appendRate: number): Promise<void> {
  const goal = appendRate / 4;
  // Little's law for closed-loop clients: mean latency = clients / rate. A p99 under 50 ms (32
  // distinct persons) or 100 ms (one hot person) needs a mean below it, so at least these rates.
  console.log(
    `      with 32 clients each waiting for its answer, mean latency = 32 / rate: p99 < 50 ms needs > 640/s, p99 < 100 ms (hot person) > 320/s`,
  );
  const kinds: Array<[NoopKind, string]> = [
    ['node', "Node's http module"],
    ['nest', 'NestJS on Express'],
  ];
  for (const [kind, label] of kinds) {
    const server = await startNoopServer(kind);
    try {
      const target = {
        baseUrl: server.baseUrl,
        key: 'none',
        cpuMs: server.cpuMs,
        stop: server.stop,
      };
      await run(target, persons, 8, 20); // warm-up
      const r = await run(target, persons, 32, claimsPerClient[32]!);
      console.log(
        `      ceiling, a no-op server (${label}), same requests: ${r.rate.toFixed(0).padStart(6)} answers/s  p99 ${r.p99.toFixed(1)} ms  = ${(r.rate / appendRate).toFixed(3)} x appends; goal 0.25 x needs ${goal.toFixed(0)}/s: ${r.rate >= goal ? 'within the ceiling' : 'ABOVE the ceiling'}`,
      );
      console.log(`        ${cpuText(r.cpu, 'server')}`);
    } finally {
      await server.stop();
    }
  }
}

/** How far the alerts projection is behind the log head (the head read first: never overstated). */
async function alertsProjectionLag(pool: pg.Pool): Promise<number> {
  const head = await ledgerLogReader(pool).head();
  const { rows } = await pool.query<{ position: string }>(
    "SELECT position::text AS position FROM projection_checkpoints WHERE name = 'alerts'",
  );
  return Math.max(0, head - Number(rows[0]?.position ?? 0));
}
