import type { MigrationInterface, QueryRunner } from 'typeorm';

// The reconciliation read model (projections/reconciliation, issue 13 item 5): the ledger side of
// a hospital's monthly file (claims by institution and business date, with invoice number, total
// cost and fund paid), of the tax collector's file (contributions paid, by pooling region and date,
// with the enrollments that name their region) and the reconciliations recorded. Frozen text.
const upSql = `
    CREATE TABLE "public".reconciliation_claims (
      claim_id          text    PRIMARY KEY,
      institution_id    text    NOT NULL,
      business_date     date    NOT NULL,
      invoice_no        text    NOT NULL,
      total_cost_fen    bigint  NOT NULL,
      fund_paid_fen     bigint  NOT NULL,
      settled_position  bigint  NOT NULL,
      reversed_position bigint
    );
    CREATE INDEX reconciliation_claims_institution ON "public".reconciliation_claims (institution_id, business_date);
    CREATE TABLE "public".reconciliation_enrollments (
      enrollment_id     text    PRIMARY KEY,
      pooling_region    text    NOT NULL
    );
    CREATE TABLE "public".reconciliation_payments (
      enrollment_id     text    PRIMARY KEY,
      receipt_no        text    NOT NULL,
      pooling_region    text    NOT NULL,
      paid_on           date    NOT NULL,
      amount_fen        bigint  NOT NULL,
      position          bigint  NOT NULL
    );
    CREATE INDEX reconciliation_payments_region ON "public".reconciliation_payments (pooling_region, paid_on);
    CREATE TABLE "public".reconciliations (
      reconciliation_id text        PRIMARY KEY,
      kind              text        NOT NULL,
      institution_id    text,
      region_code       text,
      period            text        NOT NULL,
      from_date         date        NOT NULL,
      to_date           date        NOT NULL,
      file_hash         text        NOT NULL,
      recorded_by       text        NOT NULL,
      recorded_at       timestamptz NOT NULL,
      agree             boolean     NOT NULL,
      summary           jsonb       NOT NULL,
      position          bigint      NOT NULL
    );
    CREATE INDEX reconciliations_position ON "public".reconciliations (position);
    GRANT SELECT, INSERT, UPDATE, DELETE ON
      reconciliation_claims, reconciliation_enrollments, reconciliation_payments, reconciliations
      TO ledger_service;`;

export class Reconciliation1763800000300 implements MigrationInterface {
  name = 'Reconciliation1763800000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(upSql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP TABLE reconciliations, reconciliation_payments, reconciliation_enrollments, reconciliation_claims',
    );
  }
}
