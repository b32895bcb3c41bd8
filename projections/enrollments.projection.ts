import type pg from 'pg';
import type { RecordedEvent } from '../src/eventstore/event-store.port.js';
import { quoteIdent, type Projection } from './projection.js';

/** One row per enrollment: region, year, channel, contribution, payment and coverage dates, status. */
export const enrollmentsProjection: Projection = {
  name: 'enrollments',
  canHandle: ['EnrollmentRegistered', 'ContributionPaid', 'EnrollmentRefunded'],
  tables: ['enrollments_view'],
  partitionable: true,
  schemaSql: (schema) => `
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
  async apply(client: pg.PoolClient, schema: string, events: readonly RecordedEvent[]): Promise<void> {
    const table = `${quoteIdent(schema)}.enrollments_view`;
    // within one enrollment: registered, then paid, then refunded, so apply the kinds in that order
    const of = (type: string) => events.filter((e) => e.type === type).map((e) => e.data as Record<string, any>);
    const registered = of('EnrollmentRegistered');
    if (registered.length > 0) {
      const col = (f: (d: Record<string, any>) => unknown) => registered.map(f);
      await client.query(
        `INSERT INTO ${table} SELECT c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, 'awaiting-payment', NULL, NULL, NULL, NULL, NULL
         FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::date[], $10::bigint[], $11::bigint[], $12::bigint[])
           AS x(c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12)`,
        [col((d) => d.enrollmentId), col((d) => d.personId), col((d) => d.regionCode), col((d) => d.coverageYear), col((d) => d.category), col((d) => d.channel),
          col((d) => d.policyId), col((d) => d.assistanceCategory), col((d) => d.enrolledOn), col((d) => d.contribution.personalFen),
          col((d) => d.contribution.assistanceSubsidyFen), col((d) => d.contribution.dueFromPersonFen)],
      );
    }
    const paid = of('ContributionPaid');
    if (paid.length > 0) {
      await client.query(
        `UPDATE ${table} v SET status = 'active', paid_on = p.paid_on, receipt_no = p.receipt_no, coverage_start = p.coverage_start, benefits_from = p.benefits_from
         FROM unnest($1::text[], $2::date[], $3::text[], $4::date[], $5::date[]) AS p(enrollment_id, paid_on, receipt_no, coverage_start, benefits_from)
         WHERE v.enrollment_id = p.enrollment_id`,
        [paid.map((d) => d.enrollmentId), paid.map((d) => d.paidOn), paid.map((d) => d.receiptNo), paid.map((d) => d.coverageStart), paid.map((d) => d.benefitsFrom)],
      );
    }
    const refunded = of('EnrollmentRefunded');
    if (refunded.length > 0) {
      await client.query(
        `UPDATE ${table} v SET status = 'refunded', refunded_on = r.refunded_on FROM unnest($1::text[], $2::date[]) AS r(enrollment_id, refunded_on) WHERE v.enrollment_id = r.enrollment_id`,
        [refunded.map((d) => d.enrollmentId), refunded.map((d) => d.refundedOn)],
      );
    }
  },
};
