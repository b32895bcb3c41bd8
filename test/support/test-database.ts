import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../../src/database/data-source.js';

/** A fresh, migrated database in the test run's PostgreSQL; returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = process.env.LEDGER_TEST_PG_URL;
  if (!adminUrl) throw new Error('LEDGER_TEST_PG_URL is unset: run the tests through npm test (jest globalSetup starts PostgreSQL)');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  await migrate(url);
  return url;
}
