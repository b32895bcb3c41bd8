import { describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../support/free-port.js';
import { residentId } from '../support/people.js';

// The service as a newcomer runs it: `node dist/src/main.js` with no DATABASE_URL starts its own
// embedded PostgreSQL under the data folder, prints a generated admin key, stops cleanly on
// SIGTERM, and a second start finds the data of the first.

const mainJs = resolve('dist/src/main.js');
const startTimeoutMs = 60000;

interface Running {
  readonly child: ChildProcess;
  readonly key: string;
  readonly baseUrl: string;
  output(): string;
}

async function start(dataDir: string, port: number, pgPort: number): Promise<Running> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    LEDGER_DATA_DIR: dataDir,
    PORT: String(port),
    LEDGER_EMBEDDED_PG_PORT: String(pgPort),
  };
  delete env.DATABASE_URL;
  delete env.LEDGER_API_KEYS;
  const child = spawn(process.execPath, [mainJs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const started = Date.now();
  while (!/Bearer (\S+)/.test(output)) {
    if (child.exitCode !== null || Date.now() - started > startTimeoutMs)
      throw new Error(`service did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    key: /Bearer (\S+)/.exec(output)![1]!,
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
  };
}

async function stop(running: Running): Promise<number | null> {
  const exited = new Promise<number | null>((r) => running.child.once('exit', (code) => r(code)));
  running.child.kill('SIGTERM');
  return exited;
}

describe('the service process', () => {
  it('starts on its embedded PostgreSQL, stops on SIGTERM, and reuses its data on the next start', async () => {
    expect(existsSync(mainJs)).toBe(true);
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-start-'));
    chmodSync(dataDir, 0o755);
    const [port, pgPort] = [await freePort(), await freePort()];
    try {
      const first = await start(dataDir, port, pgPort);
      const health = await fetch(`${first.baseUrl}/health`);
      expect(health.status).toBe(200);
      const docs = await fetch(`${first.baseUrl}/api/docs-json`);
      expect(((await docs.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty(
        '/api/v1/persons',
      );
      const nationalId = residentId('1966-06-06');
      const created = await fetch(`${first.baseUrl}/api/v1/persons`, {
        method: 'POST',
        headers: { authorization: `Bearer ${first.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          nationalId,
          name: '重启',
          birthDate: '1966-06-06',
          regionCode: '370800',
        }),
      });
      expect(created.status).toBe(201);
      const { personId } = (await created.json()) as { personId: string };
      expect(first.output()).toMatch(/"message":"request"/);
      const firstExit = await stop(first);
      expect(firstExit).toBe(0);
      expect(first.output()).toMatch(/shutting down/);

      const second = await start(dataDir, port, pgPort);
      expect(second.key).not.toBe(first.key);
      const person = await fetch(`${second.baseUrl}/api/v1/persons/${personId}`, {
        headers: { authorization: `Bearer ${second.key}` },
      });
      expect(person.status).toBe(200);
      expect(((await person.json()) as { nationalId: string }).nationalId).toBe(nationalId);
      expect(await stop(second)).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120000);

  it('refuses to start with a bad policy catalogue, naming the policy and the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-catalogue-'));
    const catalogue = JSON.parse(readFileSync('src/policy/catalogue.json', 'utf8'));
    catalogue.policies[0].inpatient.levels.tertiary.ratioBp = 20000;
    const path = join(dir, 'catalogue.json');
    writeFileSync(path, JSON.stringify(catalogue));
    const child = spawn(process.execPath, [mainJs], {
      env: {
        ...process.env,
        POLICY_CATALOGUE: path,
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(output).toContain('370800-2023');
    expect(output).toContain('inpatient.levels.tertiary.ratioBp');
  });

  it('refuses to start with a catalogue number that has no provenance, naming the policy and the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-catalogue-'));
    const catalogue = JSON.parse(readFileSync('src/policy/catalogue.json', 'utf8'));
    delete catalogue.policies[1].provenance['inpatient.annualCapFen'];
    const path = join(dir, 'catalogue.json');
    writeFileSync(path, JSON.stringify(catalogue));
    const child = spawn(process.execPath, [mainJs], {
      env: {
        ...process.env,
        POLICY_CATALOGUE: path,
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(output).toContain('policy 370800-2021: inpatient.annualCapFen has no provenance entry');
  });
});
