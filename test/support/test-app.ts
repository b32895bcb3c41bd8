import type { INestApplication, LoggerService } from '@nestjs/common';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import pg from 'pg';
import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/app-config.js';
import { loadCatalogue } from '../../src/policy/load-catalogue.js';
import { createTestDatabase, serviceUrlOf } from './test-database.js';

// The real service over real HTTP on a fresh real PostgreSQL database, connected as the
// least-privileged service role (ledger_service); the test itself inspects the database as its owner.

export const testKeys = {
  clerk: 'clerk-key-0123456789',
  institution: 'institution-key-0123456789',
  auditor: 'auditor-key-0123456789',
  investigator: 'investigator-key-0123456789',
  finance: 'finance-key-0123456789',
  admin: 'admin-key-0123456789',
} as const;
export type TestRole = keyof typeof testKeys;

export interface TestApp {
  readonly app: INestApplication;
  /** the owner's URL: migrations, the CLI's maintenance commands, the test's own queries */
  readonly databaseUrl: string;
  /** the service role's URL, as the service connects */
  readonly serviceDatabaseUrl: string;
  readonly baseUrl: string;
  readonly db: pg.Pool;
  get(path: string, role?: TestRole): request.Test;
  post(path: string, body: unknown, role?: TestRole, idempotencyKey?: string): request.Test;
  eventCount(): Promise<number>;
  /** events other than recorded refusals (RequestRefused): what a refused request must leave unchanged */
  stateEventCount(): Promise<number>;
  refusalsRecorded(rule: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * A fresh database, or (databaseUrl given) a second service instance on the same database; each
 * database has its own id key file (the instances on one database share it). `apiKeys` adds keys
 * (e.g. scoped institution keys) to the one per role; `logger` receives the service's log lines.
 */
export async function startTestApp(
  options: {
    databaseUrl?: string;
    env?: Record<string, string>;
    apiKeys?: Record<string, unknown>;
    logger?: LoggerService;
  } = {},
): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const keys = {
    ...Object.fromEntries(Object.entries(testKeys).map(([role, key]) => [key, [role]])),
    ...options.apiKeys,
  };
  const idKeyFile = join(
    tmpdir(),
    'ledger-test-id-keys',
    `${new URL(databaseUrl).pathname.slice(1)}.key`,
  );
  const serviceDatabaseUrl = serviceUrlOf(databaseUrl);
  const config = loadConfig({
    LEDGER_ID_KEY_FILE: idKeyFile,
    LEDGER_PERSONAL_DATA_KEY_FILE: `${idKeyFile}.personal-data`,
    LEDGER_SIGNING_KEY_FILE: idKeyFile.replace(/\.key$/, '.signing.pem'),
    ...options.env,
    LEDGER_API_KEYS: JSON.stringify(keys),
    DATABASE_URL: serviceDatabaseUrl,
    LEDGER_DATABASE_OWNER_URL: databaseUrl,
  });
  const app = await createApp(
    { ...config, databaseUrl: serviceDatabaseUrl },
    loadCatalogue(),
    options.logger ?? false,
  );
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const auth = (role: TestRole) => `Bearer ${testKeys[role]}`;
  return {
    app,
    databaseUrl,
    serviceDatabaseUrl,
    baseUrl,
    db,
    get: (path, role = 'admin') =>
      request(baseUrl).get(`/api/v1${path}`).set('Authorization', auth(role)),
    post: (path, body, role = 'admin', idempotencyKey) => {
      const r = request(baseUrl)
        .post(`/api/v1${path}`)
        .set('Authorization', auth(role))
        .send(body as object);
      return idempotencyKey ? r.set('Idempotency-Key', idempotencyKey) : r;
    },
    eventCount: async () =>
      Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]!.n),
    stateEventCount: async () =>
      Number(
        (
          await db.query<{ n: string }>(
            "SELECT count(*) AS n FROM events WHERE type <> 'RequestRefused'",
          )
        ).rows[0]!.n,
      ),
    refusalsRecorded: async (rule: string) =>
      Number(
        (
          await db.query<{ n: string }>(
            "SELECT count(*) AS n FROM events WHERE type = 'RequestRefused' AND data->>'rule' = $1",
            [rule],
          )
        ).rows[0]!.n,
      ),
    close: async () => {
      await db.end();
      await app.close();
    },
  };
}
