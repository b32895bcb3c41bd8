import type pg from 'pg';
import type { RecordedEvent } from '../src/eventstore/event-store.port.js';
import type { AnnualSums } from '../src/policy/domain/annual-sums.js';
import { quoteIdent, type Projection } from './projection.js';

/** Per person and coverage year: the annual sums the caps are held against, as of the last event. */
export const personUsageProjection: Projection = {
  name: 'person-usage',
  canHandle: ['ClaimSettled', 'ClaimReversed', 'ReliefGranted'],
  tables: ['person_usage'],
  partitionable: true,
  schemaSql: (schema) => `
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
  async apply(client: pg.PoolClient, schema: string, events: readonly RecordedEvent[]): Promise<void> {
    const latest = new Map<string, { personId: string; year: number; sums: AnnualSums; position: number }>();
    for (const e of events) {
      const { personId, coverageYear, annualSumsAfter } = e.data as { personId: string; coverageYear: number; annualSumsAfter: AnnualSums };
      latest.set(`${personId}:${coverageYear}`, { personId, year: coverageYear, sums: annualSumsAfter, position: e.position });
    }
    const rows = [...latest.values()];
    const col = (f: (s: AnnualSums) => number) => rows.map((r) => f(r.sums));
    await client.query(
      `INSERT INTO ${quoteIdent(schema)}.person_usage AS u
       SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[], $14::bigint[])
       ON CONFLICT (person_id, year) DO UPDATE SET
         inpatient_basic_paid_fen = EXCLUDED.inpatient_basic_paid_fen,
         outpatient_general_base_fen = EXCLUDED.outpatient_general_base_fen, outpatient_general_paid_fen = EXCLUDED.outpatient_general_paid_fen,
         outpatient_chronic_base_fen = EXCLUDED.outpatient_chronic_base_fen, outpatient_chronic_paid_fen = EXCLUDED.outpatient_chronic_paid_fen,
         critical_illness_base_fen = EXCLUDED.critical_illness_base_fen, critical_illness_paid_fen = EXCLUDED.critical_illness_paid_fen,
         assistance_base_fen = EXCLUDED.assistance_base_fen, assistance_paid_fen = EXCLUDED.assistance_paid_fen,
         re_assistance_base_fen = EXCLUDED.re_assistance_base_fen, re_assistance_paid_fen = EXCLUDED.re_assistance_paid_fen,
         position = EXCLUDED.position`,
      [
        rows.map((r) => r.personId), rows.map((r) => r.year),
        col((s) => s.inpatientBasicPaidFen),
        col((s) => s.outpatientGeneral.baseFen), col((s) => s.outpatientGeneral.paidFen),
        col((s) => s.outpatientChronic.baseFen), col((s) => s.outpatientChronic.paidFen),
        col((s) => s.criticalIllness.baseFen), col((s) => s.criticalIllness.paidFen),
        col((s) => s.assistance.baseFen), col((s) => s.assistance.paidFen),
        col((s) => s.reAssistance.baseFen), col((s) => s.reAssistance.paidFen),
        rows.map((r) => r.position),
      ],
    );
  },
};
