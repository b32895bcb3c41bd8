import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The embedded PostgreSQL's passwords: random, made on first start, kept in the data directory in
// a file only this system user can read (0600 in a 0700 folder), never in code or in the
// environment. The owner role owns the tables and runs migrations and maintenance; the service
// role is what the HTTP service connects as (least privilege, see migration 1763800000008).

export interface RoleCredentials {
  readonly user: string;
  readonly password: string;
}

export interface EmbeddedCredentials {
  readonly owner: RoleCredentials;
  readonly service: RoleCredentials;
}

export const ownerRoleName = 'ledger';
export const serviceRoleName = 'ledger_service';
const passwordBytes = 32;

export function credentialsFile(dataDir: string): string {
  return join(dataDir, 'credentials', 'postgres.json');
}

/** Reads the data directory's credentials, creating them (random passwords) when there are none. */
export function loadOrCreateCredentials(dataDir: string): {
  credentials: EmbeddedCredentials;
  created: boolean;
} {
  const file = credentialsFile(dataDir);
  const folder = join(dataDir, 'credentials');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
  if (!existsSync(file)) {
    const credentials: EmbeddedCredentials = {
      owner: { user: ownerRoleName, password: randomPassword() },
      service: { user: serviceRoleName, password: randomPassword() },
    };
    try {
      writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      return { credentials, created: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process made it first: use theirs
    }
  }
  chmodSync(file, 0o600);
  return { credentials: readCredentials(file), created: false };
}

/** The credentials of a data directory that has them (the CLI beside a running service). */
export function readCredentials(file: string): EmbeddedCredentials {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<EmbeddedCredentials>;
  const valid = (r: Partial<RoleCredentials> | undefined) =>
    typeof r?.user === 'string' && typeof r.password === 'string' && r.password.length >= 16;
  if (!valid(parsed.owner) || !valid(parsed.service))
    throw new Error(
      `${file} is not a credentials file of the ledger (owner and service, each user and password)`,
    );
  return parsed as EmbeddedCredentials;
}

/** URL-safe, so it needs no escaping in a connection string or an SQL literal. */
function randomPassword(): string {
  return randomBytes(passwordBytes).toString('base64url');
}
