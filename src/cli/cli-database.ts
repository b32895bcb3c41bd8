import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { migrate } from '../database/data-source.js';
import { EmbeddedDatabase } from '../database/embedded-database.js';

/**
 * The CLI's database: DATABASE_URL, or the embedded PostgreSQL of the data folder: the running
 * service's when it is up, else started here for the command and stopped after it.
 */
export async function openCliDatabase(config: AppConfig): Promise<{ pool: pg.Pool; close: () => Promise<void> }> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 4 });
    return { pool, close: () => pool.end() };
  }
  const embedded = new EmbeddedDatabase({ dataDir: config.dataDir, port: config.embeddedPostgresPort, databaseName: 'ledger' });
  let started = false;
  try {
    const probe = new pg.Client({ connectionString: embedded.url });
    await probe.connect();
    await probe.end();
  } catch {
    await embedded.start();
    await migrate(embedded.url);
    started = true;
  }
  const pool = new pg.Pool({ connectionString: embedded.url, max: 4 });
  return {
    pool,
    close: async () => {
      await pool.end();
      if (started) await embedded.stop();
    },
  };
}
