import { describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import pg from 'pg';
import { freePort } from '../support/free-port.js';
import { residentId } from '../support/people.js';
import { runCli } from '../support/run-cli.js';
import { createTestDatabase, serviceUrlOf } from '../support/test-database.js';

// Kill the service with SIGKILL while it settles claims under load, start it again: every
// acknowledged write is in the log, none twice, and every projection equals a fold of the log.

const key = 'crash-test-admin-key-0123456789';

async function startService(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [resolve('dist/src/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: serviceUrlOf(databaseUrl),
      LEDGER_DATABASE_OWNER_URL: databaseUrl,
      PORT: String(port),
      LEDGER_API_KEYS: JSON.stringify({ [key]: ['admin'] }),
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 200; i += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('service did not start');
}

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

describe('crash safety', () => {
  it('keeps every acknowledged settlement exactly once and projections equal to a rebuild after SIGKILL', async () => {
    const databaseUrl = await createTestDatabase();
    const port = await freePort();
    let service = await startService(databaseUrl, port);
    // the designated institution the claims name
    expect((await post(port, '/institutions', designatedH1)).status).toBe(201);
    const persons: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      const birthDate = `1975-02-${String(10 + i).padStart(2, '0')}`;
      const person = await post(port, '/persons', {
        nationalId: residentId(birthDate),
        name: `崩溃${i}`,
        birthDate,
        regionCode: '370800',
      });
      await post(port, `/persons/${person.body.personId}/assistance-status`, {
        category: 'minimum-living-allowance',
        effectiveFrom: '2022-01-01',
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
    const acknowledged: Array<{ claimId: string; position: number }> = [];
    let killed = false;
    const load = persons.map(async (personId, c) => {
      for (let i = 0; !killed; i += 1) {
        try {
          const res = await post(port, '/claims', {
            personId,
            institutionId: 'H1',
            institutionLevel: 'secondary',
            claimType: 'inpatient',
            invoiceNo: `K-${c}-${i}`,
            admissionDate: '2023-04-01',
            dischargeDate: '2023-04-05',
            totalCostFen: 300000 + i,
            policyCostFen: 250000,
          });
          if (res.status === 201)
            acknowledged.push({ claimId: res.body.claimId, position: res.body.position });
        } catch {
          return; // the connection died with the process
        }
      }
    });
    // kill mid-load: once more than 20 settlements were acknowledged (at least 1.5 s in, at most
    // 60 s: a loaded machine acknowledges fewer per second; the count, not the rate, is the point)
    const started = Date.now();
    while (
      Date.now() - started < 1500 ||
      (acknowledged.length <= 20 && Date.now() - started < 60_000)
    )
      await new Promise((r) => setTimeout(r, 100));
    service.kill('SIGKILL');
    killed = true;
    await Promise.all(load);
    expect(acknowledged.length).toBeGreaterThan(20);

    service = await startService(databaseUrl, port);
    const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    try {
      const { rows } = await db.query<{ claim_id: string; n: number }>(
        "SELECT data->>'claimId' AS claim_id, count(*)::int AS n FROM events WHERE type = 'ClaimSettled' GROUP BY 1",
      );
      const recorded = new Map(rows.map((r) => [r.claim_id, r.n]));
      for (const ack of acknowledged) expect(recorded.get(ack.claimId)).toBe(1);
      const funds = await fetch(`http://127.0.0.1:${port}/api/v1/funds`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(funds.status).toBe(200); // waits until the projections have caught up with the log
      const check = await runCli(databaseUrl, ['projections', 'check']);
      expect(check.stdout).toMatch(/postings: no drift/);
      expect(check.stdout).toMatch(/fund-balances: no drift/);
      expect(check.code).toBe(0);
      const verify = await runCli(databaseUrl, ['verify']);
      expect(verify.code).toBe(0);
    } finally {
      await db.end();
      service.kill('SIGTERM');
      await new Promise((r) => service.once('exit', r));
    }
  }, 120000);
});
