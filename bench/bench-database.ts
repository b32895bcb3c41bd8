import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../src/database/data-source.js';
import { EmbeddedDatabase } from '../src/database/embedded-database.js';
import { postmasterPid, processTreeCpuMs } from './process-cpu.js';

/** A throw-away embedded PostgreSQL with a migrated ledger database, for one benchmark run. */
export async function startBenchDatabase(): Promise<{
  /** the owner's connection (migrations, the benchmarks' own appends) */
  url: string;
  /** the least-privileged role, as the service connects in production */
  serviceUrl: string;
  /** CPU ms the PostgreSQL server and its backends have used so far */
  cpuMs: () => number;
  stop: () => Promise<void>;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
  chmodSync(dataDir, 0o755); // as root, the server runs as the postgres user and must reach it
  const database = new EmbeddedDatabase({
    dataDir,
    port: 56000 + (process.pid % 3000),
    databaseName: 'ledger_bench',
  });
  await database.start();
  await migrate(database.ownerUrl);
  return {
    url: database.ownerUrl,
    serviceUrl: database.serviceUrl,
    cpuMs: () => processTreeCpuMs(postmasterPid(join(dataDir, 'pg'))),
    stop: async () => {
      await database.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
