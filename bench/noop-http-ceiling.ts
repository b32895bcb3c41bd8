import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import { processCpuMs } from './process-cpu.js';

// Starts bench/noop-http-server.ts in its own process (as the settlement bench starts the
// service) and gives its base URL; see that file for what it is the ceiling of.

export type NoopKind = 'node' | 'nest';

export interface NoopServer {
  readonly baseUrl: string;
  /** CPU ms the server's process has used so far */
  cpuMs(): number;
  stop(): Promise<void>;
}

export async function startNoopServer(kind: NoopKind): Promise<NoopServer> {
  const child = fork(resolve('dist/bench/noop-http-server.js'), [kind], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((done, fail) => {
    child.once('message', (m) => done((m as { port: number }).port));
    child.once('exit', (code) => fail(new Error(`no-op ${kind} server exited with ${code}`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    cpuMs: () => processCpuMs(child.pid!),
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
