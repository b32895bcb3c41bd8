import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../support/free-port.js';

// Finding 5 of issue 11: a start that failed printed {"message":"undefined"} (service) and
// `ledger: undefined` (CLI). Every fatal error now says what failed and why.

function run(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const vars: Record<string, string | undefined> = { ...process.env, ...env };
    delete vars.DATABASE_URL;
    delete vars.LEDGER_DATABASE_OWNER_URL;
    const child = spawn(process.execPath, [resolve(script), ...args], {
      env: vars,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('exit', (code) => done({ code, output }));
  });
}

describe('fatal errors', () => {
  it('name the cause when the embedded PostgreSQL cannot start (its port taken), in the CLI and in the service', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-fatal-'));
    chmodSync(dataDir, 0o755);
    const pgPort = await freePort();
    const squatter: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((r) => squatter.listen(pgPort, '127.0.0.1', () => r()));
    try {
      const env = {
        LEDGER_DATA_DIR: dataDir,
        LEDGER_EMBEDDED_PG_PORT: String(pgPort),
        LEDGER_API_KEYS: JSON.stringify({ 'fatal-test-admin-key-0123': ['admin'] }),
      };
      const cli = await run('dist/src/cli/main.js', ['verify'], env);
      expect(cli.code).toBe(2);
      expect(cli.output).not.toMatch(/ledger: undefined/);
      expect(cli.output).toMatch(
        /ledger: the embedded PostgreSQL of .* exited during start \(port \d+ taken/,
      );
      expect(cli.output).toMatch(/"stack"/);

      const service = await run('dist/src/main.js', [], { ...env, PORT: String(await freePort()) });
      expect(service.code).toBe(1);
      const fatal = service.output.split('\n').find((line) => line.includes('"level":"fatal"'));
      expect(fatal).toBeDefined();
      expect(JSON.parse(fatal!)).toMatchObject({
        message: expect.stringMatching(/embedded PostgreSQL .* exited during start/),
        stack: expect.any(String),
      });
    } finally {
      squatter.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
