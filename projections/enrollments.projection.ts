import { quoteIdent } from './projection.js';

// Retired read model (issue 12): folded live, by workers, in rebuilds and in drift checks, but never
// read (the usage and enrollment reads fold the person stream). Migration 1763800000010 drops its table. Only its schema is
// kept, so migration 1763800000003 (which still imports live schema code) creates the table as it did;
// delete this file once the migrations are frozen as literal SQL (issue 11).
export const enrollmentsProjection = {
  schemaSql: (schema: string) => `
    CREATE TABLE ${quoteIdent(schema)}.enrollments_view (
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
    CREATE INDEX enrollments_view_region_year ON ${quoteIdent(schema)}.enrollments_view (region_code, coverage_year);`,
};
