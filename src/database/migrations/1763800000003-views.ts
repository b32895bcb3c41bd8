import type { MigrationInterface, QueryRunner } from 'typeorm';

// Read models of person usage, claims and enrollments. A new projection starts at checkpoint 0
// and catches up from the log when the service starts.
// Frozen: the SQL as this migration ran when released, written out so that later changes to the
// live schema code cannot change what it does (a migration's effect never changes once released).
const up1Sql = `
    CREATE TABLE "public".person_usage (
      person_id                 text    NOT NULL,
      year                      integer NOT NULL,
      inpatient_basic_paid_fen  bigint  NOT NULL,
      outpatient_general_base_fen bigint NOT NULL,
      outpatient_general_paid_fen bigint NOT NULL,
      outpatient_chronic_base_fen bigint NOT NULL,
      outpatient_chronic_paid_fen bigint NOT NULL,
      critical_illness_base_fen bigint  NOT NULL,
      critical_illness_paid_fen bigint  NOT NULL,
      assistance_base_fen       bigint  NOT NULL,
      assistance_paid_fen       bigint  NOT NULL,
      re_assistance_base_fen    bigint  NOT NULL,
      re_assistance_paid_fen    bigint  NOT NULL,
      position                  bigint  NOT NULL,
      PRIMARY KEY (person_id, year)
    );`;

const up2Sql = `
    CREATE TABLE "public".claims_view (
      claim_id            text    PRIMARY KEY,
      person_id           text    NOT NULL,
      institution_id      text    NOT NULL,
      institution_level   text    NOT NULL,
      claim_type          text    NOT NULL,
      region_code         text    NOT NULL,
      coverage_year       integer NOT NULL,
      policy_id           text    NOT NULL,
      assistance_category text    NOT NULL,
      admission_date      date,
      discharge_date      date,
      service_date        date    NOT NULL,
      business_date       date    NOT NULL,
      total_cost_fen      bigint  NOT NULL,
      policy_cost_fen     bigint  NOT NULL,
      basic_fen           bigint  NOT NULL,
      critical_illness_fen bigint NOT NULL,
      assistance_fen      bigint  NOT NULL,
      re_assistance_fen   bigint  NOT NULL,
      personal_fen        bigint  NOT NULL,
      status              text    NOT NULL,
      settled_position    bigint  NOT NULL,
      reversed_position   bigint
    );
    CREATE INDEX claims_view_person ON "public".claims_view (person_id, service_date);
    CREATE INDEX claims_view_institution ON "public".claims_view (institution_id, service_date);`;

const up3Sql = `
    CREATE TABLE "public".enrollments_view (
      enrollment_id       text    PRIMARY KEY,
      person_id           text    NOT NULL,
      region_code         text    NOT NULL,
      coverage_year       integer NOT NULL,
      category            text    NOT NULL,
      channel             text    NOT NULL,
      policy_id           text    NOT NULL,
      assistance_category text    NOT NULL,
      enrolled_on         date    NOT NULL,
      personal_fen        bigint  NOT NULL,
      assistance_subsidy_fen bigint NOT NULL,
      due_from_person_fen bigint  NOT NULL,
      status              text    NOT NULL,
      paid_on             date,
      receipt_no          text,
      coverage_start      date,
      benefits_from       date,
      refunded_on         date
    );
    CREATE INDEX enrollments_view_region_year ON "public".enrollments_view (region_code, coverage_year);`;

export class Views1763800000003 implements MigrationInterface {
  name = 'Views1763800000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(up1Sql);
    await queryRunner.query(up2Sql);
    await queryRunner.query(up3Sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "DROP TABLE enrollments_view; DROP TABLE claims_view; DROP TABLE person_usage; DELETE FROM projection_checkpoints WHERE name IN ('person-usage', 'claims', 'enrollments')",
    );
  }
}
