import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { isRole, type Role } from '../auth/role.js';
import { ledgerEventsTopic } from '../messaging/ledger-topic.js';
import type { RateLimit } from '../auth/rate-window.js';

// Configuration is read from the environment once, here, validated into a typed object.
// Nothing else in the service reads process.env.

export interface AppConfig {
  readonly port: number;
  /** unset: the embedded PostgreSQL under dataDir; set: the service's own (least-privileged) connection */
  readonly databaseUrl: string | undefined;
  /** with DATABASE_URL: the tables' owner, for migrations and `ledger projections rebuild/check`; unset: DATABASE_URL */
  readonly databaseOwnerUrl: string | undefined;
  readonly dataDir: string;
  readonly embeddedPostgresPort: number;
  readonly apiKeys: ReadonlyMap<string, ApiKeyGrant>;
  /** set when no keys were configured outside production: printed once at start */
  readonly generatedAdminKey: string | undefined;
  readonly policyCataloguePath: string | undefined;
  readonly kafkaBrokers: readonly string[];
  /** ledger.events; another name only to keep test runs apart on a shared broker */
  readonly kafkaTopic: string;
  /** partitions of the topic when the relay creates it */
  readonly kafkaPartitions: number;
  /** read models kept by `ledger worker` processes from Kafka instead of in this process */
  readonly workerProjections: readonly string[];
  readonly eventstoreUrl: string | undefined;
  /** the secret that makes ids opaque (keyed MACs); a file outside the database, created at first start */
  readonly idKeyFile: string;
  /** the master key that wraps every person's data key (src/privacy); a file outside the database, created at first start */
  readonly personalDataKeyFile: string;
  /** the SM2 key checkpoints are signed with; a file outside the database, created at first start */
  readonly signingKeyFile: string;
  /** the origin line of the signed checkpoints (LEDGER_CHECKPOINT_ORIGIN) */
  readonly checkpointOrigin: string;
  /** seconds between scheduled checkpoints; 0: only on demand (LEDGER_CHECKPOINT_INTERVAL_SECONDS) */
  readonly checkpointIntervalSeconds: number;
  readonly production: boolean;
  /** requests per API key per window, in this process (LEDGER_RATE_LIMIT) */
  readonly rateLimit: RateLimit;
}

/** Generous: a hospital system's batch or the test suite's fuzzing stays under it; a runaway loop does not. */
export const defaultRateLimit: RateLimit = { requests: 3000, windowSeconds: 10 };
const rateLimitRequestsMax = 1_000_000;
const rateLimitWindowMaxSeconds = 3600;
/** What one API key may do: its roles and, for institution keys, optionally the institutions it speaks for. */
export interface ApiKeyGrant {
  readonly roles: readonly Role[];
  /** set: the key submits and reads claims of these institutions only */
  readonly institutions?: readonly string[];
}

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  const { apiKeys, generatedAdminKey } = parseApiKeys(env.LEDGER_API_KEYS, production);
  const dataDir = nonEmpty(env.LEDGER_DATA_DIR) ?? '.data';
  return {
    port: parsePort('PORT', env.PORT, 3000),
    databaseUrl: nonEmpty(env.DATABASE_URL),
    databaseOwnerUrl: parseOwnerUrl(env.LEDGER_DATABASE_OWNER_URL, env.DATABASE_URL),
    dataDir,
    embeddedPostgresPort: parsePort('LEDGER_EMBEDDED_PG_PORT', env.LEDGER_EMBEDDED_PG_PORT, 54329),
    apiKeys,
    generatedAdminKey,
    policyCataloguePath: nonEmpty(env.POLICY_CATALOGUE),
    kafkaBrokers: (nonEmpty(env.KAFKA_BROKERS) ?? '')
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    kafkaTopic: nonEmpty(env.KAFKA_TOPIC) ?? ledgerEventsTopic,
    kafkaPartitions: parsePositiveInt('KAFKA_PARTITIONS', env.KAFKA_PARTITIONS, 12),
    workerProjections: (nonEmpty(env.LEDGER_WORKER_PROJECTIONS) ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    eventstoreUrl: parseEventStoreUrl(env.EVENTSTORE_URL),
    idKeyFile: nonEmpty(env.LEDGER_ID_KEY_FILE) ?? join(dataDir, 'id-key'),
    personalDataKeyFile:
      nonEmpty(env.LEDGER_PERSONAL_DATA_KEY_FILE) ?? join(dataDir, 'personal-data-key'),
    signingKeyFile: nonEmpty(env.LEDGER_SIGNING_KEY_FILE) ?? join(dataDir, 'signing-key.pem'),
    checkpointOrigin: parseOrigin(env.LEDGER_CHECKPOINT_ORIGIN),
    checkpointIntervalSeconds: parseCheckpointInterval(env.LEDGER_CHECKPOINT_INTERVAL_SECONDS),
    production,
    rateLimit: parseRateLimit(env.LEDGER_RATE_LIMIT),
  };
}

/** `<requests>/<seconds>`, e.g. `3000/10`. */
function parseRateLimit(value: string | undefined): RateLimit {
  const text = nonEmpty(value);
  if (text === undefined) return defaultRateLimit;
  const match = /^(\d{1,7})\/(\d{1,4})$/.exec(text);
  const requests = Number(match?.[1]);
  const windowSeconds = Number(match?.[2]);
  if (
    !match ||
    requests < 1 ||
    requests > rateLimitRequestsMax ||
    windowSeconds < 1 ||
    windowSeconds > rateLimitWindowMaxSeconds
  ) {
    throw new ConfigError(
      'LEDGER_RATE_LIMIT',
      `must be <requests>/<seconds>, requests 1..${rateLimitRequestsMax}, seconds 1..${rateLimitWindowMaxSeconds}, e.g. 3000/10`,
    );
  }
  return { requests, windowSeconds };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** The schemes the KurrentDB client accepts (esdb: the deprecated EventStoreDB spelling). */
const eventStoreUrlPattern = /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\/[^/\s]+/;

function parseEventStoreUrl(value: string | undefined): string | undefined {
  const url = nonEmpty(value);
  if (url !== undefined && !eventStoreUrlPattern.test(url)) {
    throw new ConfigError(
      'EVENTSTORE_URL',
      'must be a KurrentDB connection string, e.g. kurrentdb://host:2113?tls=false',
    );
  }
  return url;
}

function parsePort(variable: string, value: string | undefined, fallback: number): number {
  if (nonEmpty(value) === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(variable, 'must be a port number 0..65535');
  return port;
}

function parsePositiveInt(variable: string, value: string | undefined, fallback: number): number {
  if (nonEmpty(value) === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000)
    throw new ConfigError(variable, 'must be an integer 1..10000');
  return n;
}

const apiKeysShape =
  'must be a JSON object {"<key>": ["<role>", ...]} or {"<key>": {"roles": [...], "institutions": [...]}}';
/** An institution id as API.md bounds ids: 1..64 characters, no whitespace or control characters. */
const institutionIdPattern = /^[^\s\p{Cc}]{1,64}$/u;

function parseApiKeys(
  value: string | undefined,
  production: boolean,
): { apiKeys: Map<string, ApiKeyGrant>; generatedAdminKey: string | undefined } {
  if (nonEmpty(value) === undefined) {
    if (production) throw new ConfigError('LEDGER_API_KEYS', 'must be set in production');
    const key = `admin-${randomBytes(24).toString('base64url')}`;
    return { apiKeys: new Map([[key, { roles: ['admin'] }]]), generatedAdminKey: key };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value!);
  } catch {
    throw new ConfigError('LEDGER_API_KEYS', apiKeysShape);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ConfigError('LEDGER_API_KEYS', apiKeysShape);
  const apiKeys = new Map<string, ApiKeyGrant>();
  for (const [key, grant] of Object.entries(parsed)) {
    if (key.length < 16)
      throw new ConfigError(
        'LEDGER_API_KEYS',
        `key ${key.slice(0, 4)}… is shorter than 16 characters`,
      );
    apiKeys.set(key, parseGrant(key.slice(0, 4), grant));
  }
  return { apiKeys, generatedAdminKey: undefined };
}

function parseGrant(keyStart: string, grant: unknown): ApiKeyGrant {
  const named = `key ${keyStart}…`;
  if (Array.isArray(grant)) return { roles: parseRoles(named, grant) };
  if (typeof grant !== 'object' || grant === null)
    throw new ConfigError(
      'LEDGER_API_KEYS',
      `${named} needs a list of roles or an object {"roles": [...], "institutions": [...]}`,
    );
  const unknown = Object.keys(grant).filter((k) => k !== 'roles' && k !== 'institutions');
  if (unknown.length > 0)
    throw new ConfigError(
      'LEDGER_API_KEYS',
      `${named} has unknown fields: ${unknown.join(', ')} (allowed: roles, institutions)`,
    );
  const { roles, institutions } = grant as { roles?: unknown; institutions?: unknown };
  const parsedRoles = parseRoles(named, roles);
  if (institutions === undefined) return { roles: parsedRoles };
  // A scope narrows what an institution key may do; on a key that also reads as auditor or admin it would promise a limit it cannot keep.
  if (parsedRoles.some((r) => r !== 'institution')) {
    throw new ConfigError(
      'LEDGER_API_KEYS',
      `${named}: institutions may only scope a key whose only role is institution`,
    );
  }
  if (!Array.isArray(institutions) || institutions.length === 0) {
    throw new ConfigError(
      'LEDGER_API_KEYS',
      `${named}: institutions must be a non-empty list of institution ids`,
    );
  }
  const bad = institutions.find((i) => typeof i !== 'string' || !institutionIdPattern.test(i));
  if (bad !== undefined)
    throw new ConfigError(
      'LEDGER_API_KEYS',
      `${named}: institution ${JSON.stringify(bad)} is not an institution id (1..64 characters, no spaces)`,
    );
  return { roles: parsedRoles, institutions: [...new Set(institutions as string[])] };
}

function parseRoles(named: string, roles: unknown): Role[] {
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
    throw new ConfigError(
      'LEDGER_API_KEYS',
      `${named} needs a non-empty list of roles (clerk, institution, auditor, investigator, finance, admin)`,
    );
  }
  return roles;
}

function parseOwnerUrl(
  value: string | undefined,
  databaseUrl: string | undefined,
): string | undefined {
  const url = nonEmpty(value);
  if (url !== undefined && nonEmpty(databaseUrl) === undefined) {
    throw new ConfigError(
      'LEDGER_DATABASE_OWNER_URL',
      'needs DATABASE_URL (the embedded PostgreSQL keeps its own owner credentials)',
    );
  }
  return url;
}

/** A checkpoint note's origin: one line of printable characters without spaces (C2SP). */
function parseOrigin(value: string | undefined): string {
  const origin = nonEmpty(value) ?? 'settlement-ledger';
  if (!/^[\x21-\x7e]{1,200}$/.test(origin))
    throw new ConfigError(
      'LEDGER_CHECKPOINT_ORIGIN',
      'must be 1 to 200 printable characters without spaces',
    );
  return origin;
}

function parseCheckpointInterval(value: string | undefined): number {
  const text = nonEmpty(value);
  if (text === undefined) return 3600;
  if (!/^\d{1,6}$/.test(text))
    throw new ConfigError(
      'LEDGER_CHECKPOINT_INTERVAL_SECONDS',
      'must be 0 (off) or seconds up to 999999',
    );
  return Number(text);
}
