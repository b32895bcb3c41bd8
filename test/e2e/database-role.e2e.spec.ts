import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../support/free-port.js';
import { createTestDatabase, serviceUrlOf } from '../support/test-database.js';

// Finding 4 of issue 11, with an external database: DATABASE_URL is the service's own connection
// and LEDGER_DATABASE_OWNER_URL runs the migrations. In production the service refuses a
// connection that could switch the log's append-only triggers off.

const mainJs = resolve('dist/src/main.js');
const key = 'role-test-admin-key-0123456789';

function run(env: Record<string, string>): {
  exited: Promise<number | null>;
  output: () => string;
  stop: () => void;
} {
  const child = spawn(process.execPath, [mainJs], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LEDGER_API_KEYS: JSON.stringify({ [key]: ['admin'] }),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return {
    exited: new Promise((r) => child.once('exit', r)),
    output: () => output,
    stop: () => child.kill('SIGTERM'),
  };
}

describe('the service database role in production', () => {
  it('refuses to run as a superuser, naming the fix', async () => {
    const ownerUrl = await createTestDatabase();
    const service = run({ DATABASE_URL: ownerUrl, PORT: String(await freePort()) });
    expect(await service.exited).toBe(1);
    expect(service.output()).toMatch(
      /"level":"fatal".*a superuser: it could switch off the log's append-only triggers; refused in production/,
    );
    expect(service.output()).toMatch(/LEDGER_DATABASE_OWNER_URL/);
  });

  it('runs as ledger_service with the owner only for migrations', async () => {
    const ownerUrl = await createTestDatabase({ migrate: false });
    const port = await freePort();
    const service = run({
      DATABASE_URL: serviceUrlOf(ownerUrl),
      LEDGER_DATABASE_OWNER_URL: ownerUrl,
      PORT: String(port),
    });
    try {
      let status = 0;
      for (let i = 0; i < 300 && status !== 200; i += 1) {
        status = await fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.status,
          () => 0,
        );
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(200); // it migrated a fresh database as the owner, then served as the service role
      const funds = await fetch(`http://127.0.0.1:${port}/api/v1/funds`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(funds.status).toBe(200);
    } finally {
      service.stop();
      await service.exited;
    }
  });
});
