import type { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 14 items 5 and 6. Frozen text: never edit once released.
// - person_keys: one data key per person, wrapped (SM4, HMAC-SM3) by the master key that lives in
//   a file outside the database. Not the event log: erasure deletes a person's row, which makes
//   the personal data sealed in their PersonRegisteredSealed unreadable forever. The service may
//   read, add and delete keys; never change one.
// - access_log: every read of a resident ID in clear, chained by SM3 over its rows (hash column).
//   Append-only like the log: the service may INSERT and SELECT only, and UPDATE, DELETE and
//   TRUNCATE are refused by triggers for everyone but whoever can switch triggers off (the owner).
const upSql = `
CREATE TABLE person_keys (
  person_id text PRIMARY KEY,
  wrapped_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE access_log (
  seq bigint PRIMARY KEY CHECK (seq >= 1),
  at timestamptz NOT NULL,
  actor text NOT NULL,
  role text NOT NULL,
  person_id text NOT NULL,
  endpoint text NOT NULL,
  hash bytea NOT NULL
);
CREATE INDEX access_log_person ON access_log (person_id, seq);
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
GRANT SELECT, INSERT, DELETE ON person_keys TO ledger_service;
GRANT SELECT, INSERT ON access_log TO ledger_service;`;

export class PersonalDataKeysAndAccessLog1763800000500 implements MigrationInterface {
  name = 'PersonalDataKeysAndAccessLog1763800000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(upSql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE access_log; DROP TABLE person_keys');
  }
}
