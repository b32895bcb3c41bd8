import type { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 17, goal 1: one round trip per group-commit batch. ledger_append_batch runs, in the one
// transaction of a single statement, what the two round trips of the batch did: the append lock
// (pg_advisory_xact_lock, key 'LEDG' = 0x4c454447, appendLockKey of event-log.sql.ts), a check
// that the log's head and the named streams' versions are still those the writer computed the
// batch's positions, versions and SM3 chain on, a check that no idempotency key of the batch is
// taken, then the unnest-based insert of the events and the stored responses and the notification.
// When a check fails it records nothing and says which ('stale-head', 'stale-version',
// 'key-taken'): the writer then decides the batch the long way (open, decide, close). The
// function runs with the caller's rights (SECURITY INVOKER): ledger_service may only SELECT and
// INSERT the log, and so may this function on its behalf; only ledger_service may call it.
const upSql = `
CREATE FUNCTION ledger_append_batch(
  in_head_position bigint,
  in_head_hash text,
  in_assumed_stream_ids text[],
  in_assumed_versions integer[],
  in_keys text[],
  in_positions bigint[],
  in_stream_ids text[],
  in_stream_versions integer[],
  in_event_ids uuid[],
  in_types text[],
  in_schema_versions integer[],
  in_data text[],
  in_metadata text[],
  in_recorded_at timestamptz,
  in_hashes text[],
  in_response_keys text[],
  in_response_hashes text[],
  in_response_statuses integer[],
  in_response_bodies text[],
  in_response_positions bigint[]
) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  head_position bigint;
  head_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(1279607879);
  SELECT e.position, encode(e.hash, 'hex') INTO head_position, head_hash
    FROM events e ORDER BY e.position DESC LIMIT 1;
  IF coalesce(head_position, 0) <> in_head_position
     OR coalesce(head_hash, repeat('0', 64)) <> in_head_hash THEN
    RETURN 'stale-head';
  END IF;
  IF EXISTS (
    SELECT 1 FROM unnest(in_assumed_stream_ids, in_assumed_versions) AS a(stream, version)
     WHERE coalesce((SELECT max(e.stream_version) FROM events e WHERE e.stream_id = a.stream), 0) <> a.version
  ) THEN
    RETURN 'stale-version';
  END IF;
  IF EXISTS (SELECT 1 FROM idempotency_keys k WHERE k.key = ANY(in_keys)) THEN
    RETURN 'key-taken';
  END IF;
  IF cardinality(in_positions) > 0 THEN
    INSERT INTO events (position, stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, hash)
      SELECT r.p, r.s, r.v, r.id, r.t, r.sv, r.d::jsonb, r.m::jsonb, in_recorded_at, decode(r.h, 'hex')
        FROM unnest(in_positions, in_stream_ids, in_stream_versions, in_event_ids, in_types,
                    in_schema_versions, in_data, in_metadata, in_hashes) AS r(p, s, v, id, t, sv, d, m, h);
    IF cardinality(in_response_keys) > 0 THEN
      INSERT INTO idempotency_keys (key, request_hash, status_code, body, position)
        SELECT r.k, r.h, r.c, r.b::jsonb, r.p
          FROM unnest(in_response_keys, in_response_hashes, in_response_statuses, in_response_bodies,
                      in_response_positions) AS r(k, h, c, b, p);
    END IF;
    PERFORM pg_notify('ledger_events', in_positions[cardinality(in_positions)]::text);
  END IF;
  RETURN 'ok';
END $$;
REVOKE ALL ON FUNCTION ledger_append_batch FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ledger_append_batch TO ledger_service;`;

export class AppendBatchFunction1763800000800 implements MigrationInterface {
  name = 'AppendBatchFunction1763800000800';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(upSql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION IF EXISTS ledger_append_batch');
  }
}
