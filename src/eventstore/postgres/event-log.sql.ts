// SQL of the PostgreSQL event log. The schema itself is created by the migration
// src/database/migrations/*-event-log.ts; these are the statements the adapter runs.

/** pg_advisory_xact_lock key held by every appending transaction ('LEDG' in ASCII). */
export const appendLockKey = 0x4c454447;

export const eventColumns = `events.position::text AS position, stream_id, stream_version, event_id::text AS event_id, type,
  schema_version, data, metadata, recorded_at, encode(hash, 'hex') AS hash`;

/** Run after the lock is held: a fresh snapshot sees every earlier committed batch. */
export const readAppendStateSql = `
SELECT
  (SELECT e.position::text FROM events e ORDER BY e.position DESC LIMIT 1) AS head_position,
  (SELECT encode(e.hash, 'hex') FROM events e ORDER BY e.position DESC LIMIT 1) AS head_hash,
  (SELECT coalesce(json_agg(json_build_array(s, (SELECT max(stream_version) FROM events e WHERE e.stream_id = s))), '[]'::json)
     FROM unnest($1::text[]) AS s) AS versions,
  (SELECT coalesce(json_agg(event_id::text), '[]'::json) FROM events WHERE event_id = ANY($2::uuid[])) AS existing,
  (SELECT coalesce(json_agg(key), '[]'::json) FROM idempotency_keys WHERE key = ANY($3::text[])) AS taken`;

export const insertBatchSql = `
WITH inserted AS (
  INSERT INTO events (position, stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, hash)
  SELECT p, s, v, id, t, sv, d::jsonb, m::jsonb, $9::timestamptz, decode(h, 'hex')
  FROM unnest($1::bigint[], $2::text[], $3::int[], $4::uuid[], $5::text[], $6::int[], $7::text[], $8::text[], $10::text[])
    AS x(p, s, v, id, t, sv, d, m, h)
  RETURNING 1
), responses AS (
  INSERT INTO idempotency_keys (key, request_hash, status_code, body, position)
  SELECT k, rh, sc, b::jsonb, p FROM unnest($11::text[], $12::text[], $13::int[], $14::text[], $15::bigint[]) AS y(k, rh, sc, b, p)
  RETURNING 1
)
SELECT pg_notify('ledger_events', $16), (SELECT count(*) FROM inserted) AS events, (SELECT count(*) FROM responses) AS responses`;

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
CREATE INDEX events_type_position ON events (type, position);
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
