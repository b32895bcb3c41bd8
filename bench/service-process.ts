import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { processCpuMs } from './process-cpu.js';

// The ledger service as its own process (dist/src/main.js) on a given database, so the load
// generator does not share its event loop.

export interface RunningService {
  readonly baseUrl: string;
  readonly key: string;
  /** CPU ms the server's process has used so far */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** `databaseUrl`: the service's least-privileged role; `ownerUrl`: the owner, for migrations (main.ts refuses a superuser in production). */
export async function startService(
  databaseUrl: string,
  ownerUrl?: string,
): Promise<RunningService> {
  const port = await freePort();
  const key = 'bench-admin-key-0123456789';
  const profile = process.env.LEDGER_BENCH_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir=bench/out']
    : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, resolve('dist/src/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      ...(ownerUrl ? { LEDGER_DATABASE_OWNER_URL: ownerUrl } : {}),
      PORT: String(port),
      LEDGER_API_KEYS: JSON.stringify({ [key]: ['admin'] }),
      LEDGER_RATE_LIMIT: '1000000/1',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i += 1) {
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    key,
    cpuMs: () => processCpuMs(child.pid!),
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}
