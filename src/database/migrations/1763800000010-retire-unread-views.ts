import type { MigrationInterface, QueryRunner } from 'typeorm';

// Retires two read models nothing read (issue 12): person_usage and enrollments_view. GET
// /persons/{id}/usage and the enrollment reads fold the person stream, which always reflects every
// write; these tables were folded live, by workers, in rebuilds and in drift checks for nobody. Their folds are gone; their tables, checkpoints
// and worker checkpoints go with them. Derived data only: the event log is not touched. Down
// creates the tables empty again: a version that folds them refills them from the log (their
// checkpoints start at 0).
export class RetireUnreadViews1763800000010 implements MigrationInterface {
  name = 'RetireUnreadViews1763800000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE IF EXISTS person_usage;
      DROP TABLE IF EXISTS enrollments_view;
      DELETE FROM projection_checkpoints WHERE name IN ('person-usage', 'enrollments');
      DELETE FROM projection_partition_checkpoints WHERE projection IN ('person-usage', 'enrollments');`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
    CREATE TABLE public.person_usage (
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
    );
    CREATE TABLE public.enrollments_view (
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
    CREATE INDEX enrollments_view_region_year ON public.enrollments_view (region_code, coverage_year);`);
  }
}
