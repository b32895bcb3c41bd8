import { describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { projections } from '../../projections/index.js';
import { partitionedProjectionReached } from '../../projections/projection-watermark.js';
import { quoteIdent } from '../../projections/projection.js';
import { fromMessage } from '../../src/messaging/ledger-event-message.js';
import { freePort } from '../support/free-port.js';
import { residentId } from '../support/people.js';
import { runCli } from '../support/run-cli.js';
import { createTestDatabase } from '../support/test-database.js';

// Against a real Kafka broker (KAFKA_BROKERS): the service relays the log to the topic, is
// killed with SIGKILL while it settles claims and publishes, and restarts; a consumer group sees
// every position; `ledger worker` processes (one of them killed and restarted) keep the
// partitionable read models, and those equal a rebuild from the log. Without a broker the test
// is skipped, visibly, with the reason: nothing stands in for Kafka here.

const brokers = process.env.KAFKA_BROKERS;
const key = 'kafka-test-admin-key-0123456789';
const workerProjections = projections.filter((p) => p.partitionable);

function spawnNode(script: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [resolve(script), ...args], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
}

async function until(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function startService(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawnNode('dist/src/main.js', [], {
    ...env,
    PORT: String(port),
    LEDGER_API_KEYS: JSON.stringify({ [key]: ['admin'] }),
  });
  await until(
    'the service',
    async () =>
      (await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.ok === true,
  );
  return child;
}

/** the designated institution (定点医疗机构) the claims name */
const designatedH1 = {
  institutionId: 'H1',
  name: '医院 H1',
  level: 'secondary',
  regionCode: '370800',
  agreementFrom: '2000-01-01',
};

async function post(
  port: number,
  path: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, any> }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function snapshot(pool: pg.Pool): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of workerProjections.flatMap((p) => p.tables)) {
    out[table] = (
      await pool.query(
        `SELECT to_jsonb(t)::text AS row FROM public.${quoteIdent(table)} t ORDER BY 1`,
      )
    ).rows.map((r) => r.row);
  }
  return out;
}

if (!brokers) {
  describe('Kafka relay and projection workers (real broker)', () => {
    it.skip('SKIPPED: KAFKA_BROKERS is not set and no Kafka broker is reachable here; run with KAFKA_BROKERS=host:port', () =>
      undefined);
  });
} else {
  describe('Kafka relay and projection workers (real broker)', () => {
    it('publishes every position at least once across a SIGKILL, and workers (one killed) equal a rebuild', async () => {
      const databaseUrl = await createTestDatabase();
      const topic = `ledger.events.test-${randomBytes(4).toString('hex')}`;
      const env = {
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: brokers,
        KAFKA_TOPIC: topic,
        KAFKA_PARTITIONS: '3',
        LEDGER_WORKER_PROJECTIONS: workerProjections.map((p) => p.name).join(','),
      };
      const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
      const port = await freePort();
      let service = await startService(env, port);
      // the designated institution the claims name
      expect((await post(port, '/institutions', designatedH1)).status).toBe(201);
      const persons: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const birthDate = `1980-03-${String(10 + i).padStart(2, '0')}`;
        const person = await post(port, '/persons', {
          nationalId: residentId(birthDate),
          name: `卡夫卡${i}`,
          birthDate,
          regionCode: '370800',
        });
        await post(port, '/enrollments', {
          personId: person.body.personId,
          regionCode: '370800',
          coverageYear: 2023,
          category: 'adult',
          channel: 'centralized',
          enrolledOn: '2022-11-15',
        });
        persons.push(person.body.personId);
      }
      let killed = false;
      const load = persons.map(async (personId, c) => {
        for (let i = 0; !killed; i += 1) {
          try {
            await post(port, '/claims', {
              personId,
              institutionId: 'H1',
              institutionLevel: 'secondary',
              claimType: 'inpatient',
              invoiceNo: `KF-${c}-${i}`,
              admissionDate: '2023-04-01',
              dischargeDate: '2023-04-03',
              totalCostFen: 200000 + i,
              policyCostFen: 150000,
            });
          } catch {
            return;
          }
        }
      });
      await until(
        'some events published',
        async () =>
          Number(
            (
              await pool.query(
                'SELECT COALESCE(max(position), 0) AS p FROM kafka_publisher WHERE topic = $1',
                [topic],
              )
            ).rows[0].p,
          ) > 40,
      );
      service.kill('SIGKILL');
      killed = true;
      await Promise.all(load);
      service = await startService(env, port);
      for (const personId of persons)
        await post(port, '/claims', {
          personId,
          institutionId: 'H2',
          institutionLevel: 'primary',
          claimType: 'outpatient-general',
          invoiceNo: `KF-after-${personId}`,
          serviceDate: '2023-06-01',
          totalCostFen: 5000,
          policyCostFen: 5000,
        });
      const head = Number((await pool.query('SELECT max(position) AS p FROM events')).rows[0].p);
      await until(
        'the relay to reach the head',
        async () =>
          Number(
            (
              await pool.query(
                'SELECT COALESCE(max(position), 0) AS p FROM kafka_publisher WHERE topic = $1',
                [topic],
              )
            ).rows[0].p,
          ) >= head,
      );

      // a consumer group of its own sees every position, each stream in order
      const kafka = new Kafka({
        clientId: 'kafka-e2e',
        brokers: brokers.split(','),
        logLevel: logLevel.NOTHING,
      });
      const consumer = kafka.consumer({ groupId: `e2e-${topic}` });
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      const seen = new Map<number, number>();
      const lastVersion = new Map<string, number>();
      let outOfOrder = 0;
      await consumer.run({
        eachMessage: async ({ message }) => {
          const event = fromMessage(message);
          seen.set(event.position, (seen.get(event.position) ?? 0) + 1);
          if (
            event.streamVersion <= (lastVersion.get(event.streamId) ?? 0) &&
            seen.get(event.position) === 1
          )
            outOfOrder += 1;
          lastVersion.set(
            event.streamId,
            Math.max(lastVersion.get(event.streamId) ?? 0, event.streamVersion),
          );
        },
      });
      await until('every position consumed', async () => seen.size >= head);
      await consumer.disconnect();
      expect([...seen.keys()].sort((a, b) => a - b)).toEqual(
        Array.from({ length: head }, (_, i) => i + 1),
      );
      expect(outOfOrder).toBe(0);

      // two workers in one group; the first is killed part way and started again
      const worker = () =>
        spawnNode(
          'dist/src/cli/main.js',
          ['worker', '--projections', workerProjections.map((p) => p.name).join(',')],
          env,
        );
      let first = worker();
      const second = worker();
      await until(
        'a worker to apply something',
        async () =>
          Number(
            (
              await pool.query(
                'SELECT COALESCE(max(position), 0) AS p FROM projection_partition_checkpoints',
              )
            ).rows[0].p,
          ) > 0,
      );
      first.kill('SIGKILL');
      first = worker();
      for (const p of workerProjections)
        await until(`${p.name} at the head`, () =>
          partitionedProjectionReached(pool, p.name, topic, head),
        );
      const fromWorkers = await snapshot(pool);
      // reads through the service wait on the workers' checkpoints
      expect(
        (
          await fetch(`http://127.0.0.1:${port}/api/v1/funds`, {
            headers: { authorization: `Bearer ${key}` },
          })
        ).status,
      ).toBe(200);
      first.kill('SIGTERM');
      second.kill('SIGTERM');
      service.kill('SIGTERM');
      const rebuilt = await runCli(databaseUrl, ['projections', 'rebuild', 'all']);
      expect(rebuilt.code).toBe(0);
      expect(await snapshot(pool)).toEqual(fromWorkers);
      await pool.end();
    }, 240_000);
  });
}
