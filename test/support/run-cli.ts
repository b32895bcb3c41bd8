import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { serviceUrlOf } from './test-database.js';

/**
 * Runs the built CLI (dist/src/cli/main.js) against a database (the owner's URL); like a
 * deployment, DATABASE_URL is the service role and LEDGER_DATABASE_OWNER_URL the owner, so each
 * command proves it works with the role it picks. Returns exit code and output.
 */
export function runCli(
  databaseUrl: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const databaseEnv = {
      DATABASE_URL: serviceUrlOf(databaseUrl),
      LEDGER_DATABASE_OWNER_URL: databaseUrl,
    };
    const child = spawn(process.execPath, [resolve('dist/src/cli/main.js'), ...args], {
      env: { ...process.env, ...databaseEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}
