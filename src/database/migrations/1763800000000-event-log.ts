import type { MigrationInterface, QueryRunner } from 'typeorm';

// The event log and the idempotency records. Both are append-only, enforced by triggers.
// No later migration may update or delete their rows.
// Frozen: the SQL as this migration ran when released, written out so that later changes to the
// live schema code cannot change what it does (a migration's effect never changes once released).
const up1Sql = `
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

export class EventLog1763800000000 implements MigrationInterface {
  name = 'EventLog1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(up1Sql);
  }

  async down(): Promise<void> {
    throw new Error('the event log is never dropped by a migration');
  }
}
