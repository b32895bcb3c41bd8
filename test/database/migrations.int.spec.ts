import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { migrate } from '../../src/database/data-source.js';
import { migrations } from '../../src/database/migrations/index.js';
import { createTestDatabase } from '../support/test-database.js';

// Part of finding 12 of issue 11: migrations are frozen SQL, and a database migrated by an older
// release moves forward to every table the service uses.

const expectedTables = [
  'access_log',
  'alerts',
  'claims_view',
  'events',
  'fund_balances',
  'idempotency_keys',
  'institution_cost_stats',
  'kafka_published_partitions',
  'kafka_publisher',
  'ledger_checkpoints',
  'ledger_postings',
  'merkle_nodes',
  'person_keys',
  'projection_checkpoints',
  'projection_partition_checkpoints',
  'reconciliation_claims',
  'reconciliation_enrollments',
  'reconciliation_payments',
  'reconciliations',
  'schema_migrations',
];

async function tablesOf(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ t: string }>(
      "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    );
    return rows.map((r) => r.t);
  } finally {
    await client.end();
  }
}

async function run(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

describe('migrations', () => {
  it('moves a database migrated before institution_cost_stats existed forward to every table', async () => {
    const url = await createTestDatabase({ migrate: false });
    // what migration 1763800000004 did before the institution-cost-outlier rule: alerts only
    await migrate(url, migrations.slice(0, 5));
    await run(url, 'DROP TABLE institution_cost_stats');
    expect(await tablesOf(url)).not.toContain('institution_cost_stats');
    await migrate(url);
    expect(await tablesOf(url)).toEqual(expectedTables);
  });

  it('moves a database of only the first migrations forward to every table', async () => {
    const url = await createTestDatabase({ migrate: false });
    await migrate(url, migrations.slice(0, 2));
    await migrate(url);
    expect(await tablesOf(url)).toEqual(expectedTables);
  });

  it('leaves a fully migrated database as it is when run again', async () => {
    const url = await createTestDatabase();
    await migrate(url);
    expect(await tablesOf(url)).toEqual(expectedTables);
  });
});
