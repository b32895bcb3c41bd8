import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../../src/database/data-source.js';

/** A fresh database in the test run's PostgreSQL, migrated by its owner; returns the owner's URL. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<string> {
  const adminUrl = process.env.LEDGER_TEST_PG_URL;
  if (!adminUrl)
    throw new Error(
      'LEDGER_TEST_PG_URL is unset: run the tests through npm test (jest globalSetup starts PostgreSQL)',
    );
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  if (options.migrate !== false) await migrate(url);
  return url;
}

/** The same database as the service's least-privileged role (ledger_service), as every service under test connects. */
export function serviceUrlOf(ownerUrl: string): string {
  const password = process.env.LEDGER_TEST_PG_SERVICE_PASSWORD;
  if (!password)
    throw new Error('LEDGER_TEST_PG_SERVICE_PASSWORD is unset: run the tests through npm test');
  const url = new URL(ownerUrl);
  url.username = 'ledger_service';
  url.password = password;
  return url.toString();
}
