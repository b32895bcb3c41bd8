import type pg from 'pg';

// SQL of the PostgreSQL event log. The schema itself is created by the migration
// src/database/migrations/*-event-log.ts; these are the statements the adapter runs.

/** pg_advisory_xact_lock key held by every appending transaction ('LEDG' in ASCII). */
export const appendLockKey = 0x4c454447;

export const eventColumns = `events.position::text AS position, stream_id, stream_version, event_id::text AS event_id, type,
  schema_version, data, metadata, recorded_at, encode(hash, 'hex') AS hash`;

/**
 * One round trip opens the batch: BEGIN, the append lock, then (a fresh snapshot, after every
 * earlier batch committed) the head of the log, the versions of the named streams, and which of
 * the event ids and idempotency keys are taken. Values are inlined as escaped literals so the
 * three statements travel as one simple query.
 */
export function openBatchSql(
  streamIds: string[],
  eventIds: string[],
  keys: string[],
  literal: (s: string) => string,
): string {
  return `BEGIN; SELECT pg_advisory_xact_lock(${appendLockKey});
SELECT
  (SELECT e.position::text FROM events e ORDER BY e.position DESC LIMIT 1) AS head_position,
  (SELECT encode(e.hash, 'hex') FROM events e ORDER BY e.position DESC LIMIT 1) AS head_hash,
  (SELECT coalesce(json_agg(json_build_array(s, (SELECT max(stream_version) FROM events e WHERE e.stream_id = s))), '[]'::json)
     FROM unnest(${textArray(streamIds, literal)}) AS s) AS versions,
  (SELECT coalesce(json_agg(event_id::text), '[]'::json) FROM events WHERE event_id = ANY(${textArray(eventIds, literal)}::uuid[])) AS existing,
  (SELECT coalesce(json_agg(key), '[]'::json) FROM idempotency_keys WHERE key = ANY(${textArray(keys, literal)})) AS taken`;
}

export interface EventInsertRow {
  readonly position: number;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly recordedAt: string;
  readonly hash: string;
}

export interface ResponseInsertRow {
  readonly key: string;
  readonly requestHash: string;
  readonly statusCode: number;
  readonly body: string;
  readonly position: number;
}

/** One round trip closes the batch: the rows, the stored responses, the notification, COMMIT. */
export function closeBatchSql(
  rows: readonly EventInsertRow[],
  responses: readonly ResponseInsertRow[],
  literal: (s: string) => string,
): string {
  const values = rows.map(
    (r) =>
      `(${int(r.position)}, ${literal(r.streamId)}, ${int(r.streamVersion)}, ${literal(r.eventId)}, ${literal(r.type)}, ${int(r.schemaVersion)}, ${literal(JSON.stringify(r.data))}, ${literal(JSON.stringify(r.metadata))}, ${literal(r.recordedAt)}, '\\x${hex(r.hash)}')`,
  );
  const statements = [
    `INSERT INTO events (position, stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, hash) VALUES ${values.join(',\n')}`,
  ];
  if (responses.length > 0) {
    const responseValues = responses.map(
      (r) =>
        `(${literal(r.key)}, ${literal(r.requestHash)}, ${int(r.statusCode)}, ${literal(r.body)}, ${int(r.position)})`,
    );
    statements.push(
      `INSERT INTO idempotency_keys (key, request_hash, status_code, body, position) VALUES ${responseValues.join(',')}`,
    );
  }
  statements.push(
    `SELECT pg_notify('ledger_events', '${int(rows[rows.length - 1]!.position)}')`,
    'COMMIT',
  );
  return statements.join(';\n');
}

/**
 * The whole batch in one round trip (migration 1763800000800, ledger_append_batch): the lock,
 * the checks of what the writer assumed (the head it chained on, the versions of the streams it
 * numbered from, no idempotency key taken), the inserts, the notification, in the one transaction
 * of a single statement. A named statement, so each connection parses and plans it once.
 */
export interface AppendBatchCall {
  readonly head: { readonly position: number; readonly hash: string };
  readonly assumedVersions: ReadonlyMap<string, number>;
  readonly keys: readonly string[];
  readonly rows: readonly EventInsertRow[];
  readonly recordedAt: string;
  readonly responses: readonly ResponseInsertRow[];
}

/** What ledger_append_batch answers: recorded, or why it recorded nothing. */
export type AppendBatchOutcome = 'ok' | 'stale-head' | 'stale-version' | 'key-taken';

export function appendBatchQuery(call: AppendBatchCall): pg.QueryConfig {
  const n = call.rows.length;
  const positions = new Array<string>(n);
  const streamIds = new Array<string>(n);
  const versions = new Array<number>(n);
  const eventIds = new Array<string>(n);
  const types = new Array<string>(n);
  const schemaVersions = new Array<number>(n);
  const data = new Array<string>(n);
  const metadata = new Array<string>(n);
  const hashes = new Array<string>(n);
  call.rows.forEach((r, i) => {
    positions[i] = int(r.position);
    streamIds[i] = r.streamId;
    versions[i] = r.streamVersion;
    eventIds[i] = r.eventId;
    types[i] = r.type;
    schemaVersions[i] = r.schemaVersion;
    data[i] = JSON.stringify(r.data);
    metadata[i] = JSON.stringify(r.metadata);
    hashes[i] = hex(r.hash);
  });
  return {
    name: 'ledger_append_batch',
    text: `SELECT ledger_append_batch($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) AS outcome`,
    values: [
      int(call.head.position),
      hex(call.head.hash),
      [...call.assumedVersions.keys()],
      [...call.assumedVersions.values()],
      call.keys,
      positions,
      streamIds,
      versions,
      eventIds,
      types,
      schemaVersions,
      data,
      metadata,
      call.recordedAt,
      hashes,
      call.responses.map((r) => r.key),
      call.responses.map((r) => r.requestHash),
      call.responses.map((r) => r.statusCode),
      call.responses.map((r) => r.body),
      call.responses.map((r) => int(r.position)),
    ],
  };
}

function textArray(values: readonly string[], literal: (s: string) => string): string {
  return values.length === 0
    ? `ARRAY[]::text[]`
    : `ARRAY[${values.map(literal).join(',')}]::text[]`;
}

function int(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
  return String(value);
}

function hex(value: string): string {
  if (!/^[0-9a-f]{64}$/.test(value)) throw new Error('hash must be 64 lower-case hex digits');
  return value;
}

export const eventLogSchemaSql = `
CREATE TABLE events (
  position       bigint      PRIMARY KEY CHECK (position > 0),
  stream_id      text        NOT NULL,
  stream_version integer     NOT NULL CHECK (stream_version > 0),
  event_id       uuid        NOT NULL UNIQUE,
  type           text        NOT NULL,
  schema_version integer     NOT NULL,
  data           jsonb       NOT NULL,
  metadata       jsonb       NOT NULL,
  recorded_at    timestamptz NOT NULL,
  hash           bytea       NOT NULL,
  UNIQUE (stream_id, stream_version)
);
CREATE TABLE idempotency_keys (
  key          text     PRIMARY KEY,
  request_hash text     NOT NULL,
  status_code  integer  NOT NULL,
  body         jsonb    NOT NULL,
  position     bigint   NOT NULL
);
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the event log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER idempotency_append_only BEFORE UPDATE OR DELETE ON idempotency_keys
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER idempotency_no_truncate BEFORE TRUNCATE ON idempotency_keys
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();`;
