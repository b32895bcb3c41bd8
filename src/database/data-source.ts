import { DataSource, type MigrationInterface } from 'typeorm';
import { migrations as allMigrations } from './migrations/index.js';

type MigrationClass = new () => MigrationInterface;

/** The TypeORM data source: schema migrations and the projections' tables. */
export function createDataSource(
  databaseUrl: string,
  migrations: readonly MigrationClass[] = allMigrations,
): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    migrations: [...migrations],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    logging: false,
  });
}

/** Runs the pending migrations; as the owner of the tables, never as the service's role. */
export async function migrate(
  databaseUrl: string,
  migrations: readonly MigrationClass[] = allMigrations,
): Promise<void> {
  const dataSource = createDataSource(databaseUrl, migrations);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
  } finally {
    await dataSource.destroy();
  }
}
