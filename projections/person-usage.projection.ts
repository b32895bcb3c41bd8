import { quoteIdent } from './projection.js';

// Retired read model (issue 12): folded live, by workers, in rebuilds and in drift checks, but never
// read (the usage and enrollment reads fold the person stream). Migration 1763800000010 drops its table. Only its schema is
// kept, so migration 1763800000003 (which still imports live schema code) creates the table as it did;
// delete this file once the migrations are frozen as literal SQL (issue 11).
export const personUsageProjection = {
  schemaSql: (schema: string) => `
    CREATE TABLE ${quoteIdent(schema)}.person_usage (
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
    );`,
};
