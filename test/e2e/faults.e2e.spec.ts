import { describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { freePort } from '../support/free-port.js';
import { residentId } from '../support/people.js';

// Fault tests of issue 11 (finding 5): the real service process on its own embedded PostgreSQL,
// under a write load, when the database is killed -9 and when the service is killed -9. The
// service answers 503 problem+json while its database is away and never a 500, comes back by
// itself, loses no acknowledged write (each once in the log), and `ledger verify` and
// `ledger projections check` pass afterwards.

const mainJs = resolve('dist/src/main.js');
const cliJs = resolve('dist/src/cli/main.js');
const key = 'fault-test-admin-key-0123456789';
/** A fault test is bounded well under a minute; the database comes back within this. */
const recoveryMs = 30_000;

interface Service {
  readonly child: ChildProcess;
  readonly port: number;
  output(): string;
}

interface Env {
  readonly dataDir: string;
  readonly port: number;
  readonly pgPort: number;
}

function serviceEnv(env: Env): Record<string, string | undefined> {
  const vars: Record<string, string | undefined> = {
    ...process.env,
    LEDGER_DATA_DIR: env.dataDir,
    PORT: String(env.port),
    LEDGER_EMBEDDED_PG_PORT: String(env.pgPort),
    LEDGER_API_KEYS: JSON.stringify({ [key]: ['admin'] }),
    LEDGER_RATE_LIMIT: '1000000/10', // the load is one key; a per-key limit is not what these tests are about
  };
  delete vars.DATABASE_URL;
  delete vars.LEDGER_DATABASE_OWNER_URL;
  return vars;
}

async function start(env: Env): Promise<Service> {
  const child = spawn(process.execPath, [mainJs], {
    env: serviceEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const until = Date.now() + 60_000;
  while (!/ledger listening/.test(output)) {
    if (child.exitCode !== null || Date.now() > until)
      throw new Error(`service did not start:\n${output}`);
    await sleep(100);
  }
  return { child, port: env.port, output: () => output };
}

async function stop(service: Service): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  const exited = new Promise((r) => service.child.once('exit', r));
  service.child.kill('SIGTERM');
  await exited;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** the designated institution (定点医疗机构) of every claim here */
const designatedH1 = {
  institutionId: 'H1',
  name: '医院 H1',
  level: 'secondary',
  regionCode: '370800',
  agreementFrom: '2000-01-01',
};

async function call(
  port: number,
  method: string,
  path: string,
  body?: unknown,
  idempotencyKey?: string,
): Promise<{ status: number; type: string; body: Record<string, any> }> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${key}`,
    'content-type': 'application/json',
  };
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: text ? (JSON.parse(text) as Record<string, any>) : {},
  };
}

async function healthStatus(port: number): Promise<number> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(3000) }))
      .status;
  } catch {
    return 0;
  }
}

async function waitFor(
  what: string,
  condition: () => Promise<boolean>,
  withinMs = recoveryMs,
): Promise<void> {
  const until = Date.now() + withinMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

function credentials(dataDir: string): {
  owner: { user: string; password: string };
  service: { user: string; password: string };
} {
  return JSON.parse(readFileSync(join(dataDir, 'credentials', 'postgres.json'), 'utf8'));
}

function ownerUrl(env: Env): string {
  const { owner } = credentials(env.dataDir);
  return `postgres://${owner.user}:${owner.password}@127.0.0.1:${env.pgPort}/ledger`;
}

function postmasterPid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function cli(
  env: Env,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [cliJs, ...args], {
      env: serviceEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

/** Persons enrolled for 2023, each settling inpatient claims in a loop, every claim with its own Idempotency-Key. */
class WriteLoad {
  readonly acknowledged = new Map<string, string>(); // idempotency key -> claimId
  readonly unavailable = new Map<string, unknown>(); // idempotency key -> body, answered 503
  readonly unexpected: string[] = [];
  private running = true;
  private loops: Promise<void>[] = [];

  static async prepare(port: number, persons: number, tag: string): Promise<string[]> {
    const ids: string[] = [];
    // the designated institution the claims name (same data again is 200)
    const institution = await call(port, 'POST', '/api/v1/institutions', designatedH1);
    expect([200, 201]).toContain(institution.status);
    for (let i = 0; i < persons; i += 1) {
      const birthDate = `1970-03-${String(10 + i).padStart(2, '0')}`;
      const person = await call(port, 'POST', '/api/v1/persons', {
        nationalId: residentId(birthDate),
        name: `故障${tag}${i}`,
        birthDate,
        regionCode: '370800',
      });
      expect(person.status).toBe(201);
      await call(port, 'POST', `/api/v1/persons/${person.body.personId}/assistance-status`, {
        category: 'minimum-living-allowance',
        effectiveFrom: '2022-01-01',
      });
      const enrolled = await call(port, 'POST', '/api/v1/enrollments', {
        personId: person.body.personId,
        regionCode: '370800',
        coverageYear: 2023,
        category: 'adult',
        channel: 'centralized',
        enrolledOn: '2022-11-15',
      });
      expect(enrolled.status).toBe(201);
      ids.push(person.body.personId);
    }
    return ids;
  }

  constructor(
    private readonly port: () => number,
    persons: readonly string[],
    tag: string,
  ) {
    this.loops = persons.map(async (personId, c) => {
      for (let i = 0; this.running; i += 1) {
        const idem = `${tag}-${c}-${i}`;
        const body = {
          personId,
          institutionId: 'H1',
          institutionLevel: 'secondary',
          claimType: 'inpatient',
          invoiceNo: `F-${tag}-${c}-${i}`,
          admissionDate: '2023-05-01',
          dischargeDate: '2023-05-03',
          totalCostFen: 200000 + i,
          policyCostFen: 150000,
        };
        try {
          const res = await call(this.port(), 'POST', '/api/v1/claims', body, idem);
          if (res.status === 201 || res.status === 200)
            this.acknowledged.set(idem, res.body.claimId);
          else if (
            res.status === 503 &&
            res.type.startsWith('application/problem+json') &&
            res.body.code === 'database-unavailable'
          ) {
            this.unavailable.set(idem, body);
            await sleep(100); // a client backs off (Retry-After), it does not spin
          } else this.unexpected.push(`${res.status} ${JSON.stringify(res.body)}`);
        } catch {
          this.unavailable.set(idem, body); // the connection died with the service: outcome unknown
          await sleep(100);
        }
      }
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** What a client does with an answer it did not get: the same request with the same key, recorded at most once. */
  async retryUnavailable(): Promise<void> {
    for (const [idem, body] of this.unavailable) {
      const res = await call(this.port(), 'POST', '/api/v1/claims', body, idem);
      expect([200, 201]).toContain(res.status);
      this.acknowledged.set(idem, res.body.claimId);
    }
  }
}

async function expectEachAcknowledgedOnce(env: Env, load: WriteLoad): Promise<void> {
  const db = new pg.Client({ connectionString: ownerUrl(env) });
  await db.connect();
  try {
    const { rows } = await db.query<{ claim_id: string; n: number }>(
      "SELECT data->>'claimId' AS claim_id, count(*)::int AS n FROM events WHERE type = 'ClaimSettled' GROUP BY 1",
    );
    const recorded = new Map(rows.map((r) => [r.claim_id, r.n]));
    const missing = [...load.acknowledged.values()].filter(
      (claimId) => recorded.get(claimId) !== 1,
    );
    expect(missing).toEqual([]);
  } finally {
    await db.end();
  }
}

async function expectLedgerChecksPass(env: Env): Promise<void> {
  await waitFor(
    'the read models to catch up',
    async () => (await call(env.port, 'GET', '/api/v1/funds')).status === 200,
  );
  const verify = await cli(env, ['verify']);
  expect(verify.stderr + verify.stdout).not.toMatch(/BROKEN/);
  expect(verify.code).toBe(0);
  const check = await cli(env, ['projections', 'check']);
  expect(check.stdout).toMatch(/postings: no drift/);
  expect(check.code).toBe(0);
}

async function withDataDir(work: (env: Env) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-fault-'));
  chmodSync(dataDir, 0o755); // as root, the server runs as the postgres user and must reach it
  try {
    await work({ dataDir, port: await freePort(), pgPort: await freePort() });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('faults', () => {
  it(
    'answers 503 while its database is killed -9, restarts it, and loses no acknowledged write',
    () =>
      withDataDir(async (env) => {
        const service = await start(env);
        try {
          const persons = await WriteLoad.prepare(env.port, 4, 'db');
          const load = new WriteLoad(() => env.port, persons, 'db');
          await waitFor('some acknowledged writes', async () => load.acknowledged.size >= 10);
          const killed = postmasterPid(env.dataDir);
          process.kill(killed, 'SIGKILL');
          await waitFor(
            '/health to answer 503',
            async () => (await healthStatus(env.port)) === 503,
            5_000,
          );
          await waitFor(
            'the database to come back',
            async () => (await healthStatus(env.port)) === 200,
          );
          const before = load.acknowledged.size;
          await waitFor(
            'writes after the restart',
            async () => load.acknowledged.size >= before + 10,
          );
          await load.stop();

          expect(service.child.exitCode).toBeNull(); // the service survived its database
          expect(postmasterPid(env.dataDir)).not.toBe(killed);
          expect(service.output()).toMatch(/embedded PostgreSQL restarted/);
          expect(load.unexpected).toEqual([]); // 503 problem+json or success, never a 500
          expect(load.unavailable.size).toBeGreaterThan(0); // writes met the outage: answered 503 database-unavailable
          await load.retryUnavailable();
          await expectEachAcknowledgedOnce(env, load);
          await expectLedgerChecksPass(env);
        } finally {
          await stop(service);
        }
      }),
    60_000,
  );

  it(
    'after a kill -9 of the service, the next start stops the orphan PostgreSQL and loses no acknowledged write',
    () =>
      withDataDir(async (env) => {
        let service = await start(env);
        try {
          const persons = await WriteLoad.prepare(env.port, 4, 'svc');
          const load = new WriteLoad(() => env.port, persons, 'svc');
          await waitFor('some acknowledged writes', async () => load.acknowledged.size >= 20);
          const orphan = postmasterPid(env.dataDir);
          service.child.kill('SIGKILL');
          await new Promise((r) => service.child.once('exit', r));
          await load.stop();
          expect(alive(orphan)).toBe(true); // its starter is gone; the server is not

          service = await start(env);
          expect(service.output()).toMatch(
            new RegExp(`orphan embedded PostgreSQL \\(pid ${orphan}\\)`),
          );
          expect(alive(orphan)).toBe(false);
          expect(load.unexpected).toEqual([]);
          await load.retryUnavailable();
          await expectEachAcknowledgedOnce(env, load);
          await expectLedgerChecksPass(env);
        } finally {
          await stop(service);
        }
      }),
    60_000,
  );

  it(
    'keeps random database passwords in a 0600 file in a 0700 folder, refuses a second service on the data directory, and rotates the old fixed password away',
    () =>
      withDataDir(async (env) => {
        let service = await start(env);
        try {
          const folder = join(env.dataDir, 'credentials');
          expect(statSync(folder).mode & 0o777).toBe(0o700);
          expect(statSync(join(folder, 'postgres.json')).mode & 0o777).toBe(0o600);
          const first = credentials(env.dataDir);
          const second = spawn(process.execPath, [mainJs], {
            env: { ...serviceEnv(env), PORT: String(await freePort()) },
            stdio: ['ignore', 'ignore', 'pipe'],
          });
          let refusal = '';
          second.stderr!.on('data', (d) => (refusal += d));
          expect(await new Promise((r) => second.once('exit', r))).toBe(1); // never stops a database a live service uses
          expect(refusal).toMatch(new RegExp(`in use by process ${service.child.pid}`));
          expect((await call(env.port, 'GET', '/api/v1/funds')).status).toBe(200);
          expect(first.owner.password).not.toBe('ledger');
          expect(first.service.user).toBe('ledger_service');
          // a cluster of an older release: the owner still on the fixed password, no credentials file
          const owner = new pg.Client({ connectionString: ownerUrl(env) });
          await owner.connect();
          const { rows } = await owner.query(
            "SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = 'ledger_service'",
          );
          expect(rows).toEqual([
            {
              rolcanlogin: true,
              rolsuper: false,
              rolcreaterole: false,
              rolcreatedb: false,
              rolreplication: false,
              rolbypassrls: false,
            },
          ]);
          await owner.query("ALTER ROLE ledger PASSWORD 'ledger'");
          await owner.end();
          await stop(service);
          unlinkSync(join(folder, 'postgres.json'));

          service = await start(env);
          expect(service.output()).toMatch(/rotated the embedded PostgreSQL owner password/);
          const rotated = credentials(env.dataDir);
          expect(rotated.owner.password).not.toBe(first.owner.password);
          const legacy = new pg.Client({
            user: 'ledger',
            password: 'ledger',
            host: '127.0.0.1',
            port: env.pgPort,
            database: 'ledger',
          });
          await expect(legacy.connect()).rejects.toMatchObject({ code: '28P01' });
          expect((await call(env.port, 'GET', '/api/v1/funds')).status).toBe(200);
        } finally {
          await stop(service);
        }
      }),
    60_000,
  );
});
