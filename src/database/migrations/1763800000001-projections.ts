import type { MigrationInterface, QueryRunner } from 'typeorm';

// The first read models: checkpoints, the postings ledger, fund balances. Projection tables are
// derived data: a rebuild may drop and refill them; the event log is never touched.
// Frozen: the SQL as this migration ran when released, written out so that later changes to the
// live schema code cannot change what it does (a migration's effect never changes once released).
const up1Sql = `CREATE TABLE "public".projection_checkpoints (name text PRIMARY KEY, position bigint NOT NULL CHECK (position >= 0));`;

const up2Sql = `
    CREATE TABLE "public".ledger_postings (
      position      bigint      NOT NULL,
      line          integer     NOT NULL,
      event_id      uuid        NOT NULL,
      event_type    text        NOT NULL,
      account       text        NOT NULL,
      debit_fen     bigint      NOT NULL CHECK (debit_fen >= 0),
      credit_fen    bigint      NOT NULL CHECK (credit_fen >= 0),
      business_date date        NOT NULL,
      recorded_at   timestamptz NOT NULL,
      subject_id    text        NOT NULL,
      PRIMARY KEY (position, line)
    );
    CREATE INDEX ledger_postings_account ON "public".ledger_postings (account, position);
    CREATE INDEX ledger_postings_subject ON "public".ledger_postings (subject_id);`;

const up3Sql = `
    CREATE TABLE "public".fund_balances (
      account     text    PRIMARY KEY,
      kind        text    NOT NULL,
      region_code text    NOT NULL,
      year        integer,
      credits_fen bigint  NOT NULL,
      debits_fen  bigint  NOT NULL
    );`;

export class Projections1763800000001 implements MigrationInterface {
  name = 'Projections1763800000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(up1Sql);
    await queryRunner.query(up2Sql);
    await queryRunner.query(up3Sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP TABLE fund_balances; DROP TABLE ledger_postings; DROP TABLE projection_checkpoints',
    );
  }
}
