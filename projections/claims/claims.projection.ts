import type pg from 'pg';
import type { RecordedEvent } from '../../src/eventstore/event-store.port.js';
import type { EventData } from '../../events/event-definition.js';
import type { ClaimCorrected, ClaimSettled } from '../../events/index.js';
import { quoteIdent, type Projection } from '../projection.js';

type Settled = EventData<typeof ClaimSettled>;
type Corrected = EventData<typeof ClaimCorrected>;

/**
 * One row per claim: who, where, when, the breakdown per tier, settled, corrected or reversed.
 * A corrected claim (ClaimCorrected) shows its corrected costs and shares, as GET /claims/{id} does
 * (claim-view.ts); a later reversal still marks it reversed.
 */
export const claimsProjection: Projection = {
  name: 'claims',
  canHandle: ['ClaimSettled', 'ClaimCorrected', 'ClaimReversed'],
  tables: ['claims_view'],
  partitionable: true,
  schemaSql: (schema) => `
    CREATE TABLE ${quoteIdent(schema)}.claims_view (
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
    CREATE INDEX claims_view_person ON ${quoteIdent(schema)}.claims_view (person_id, service_date);
    CREATE INDEX claims_view_institution ON ${quoteIdent(schema)}.claims_view (institution_id, service_date);`,
  async apply(
    client: pg.PoolClient,
    schema: string,
    events: readonly RecordedEvent[],
  ): Promise<void> {
    const table = `${quoteIdent(schema)}.claims_view`;
    // a reversal always follows its settlement: insert this batch's settlements first
    const settled = events
      .filter((e) => e.type === 'ClaimSettled')
      .map((e) => ({ d: e.data as Settled, position: e.position }));
    if (settled.length > 0) {
      const col = (f: (d: Settled) => unknown) => settled.map(({ d }) => f(d));
      await client.query(
        `INSERT INTO ${table} SELECT c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, 'settled', c21, NULL
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[], $10::date[], $11::date[],
                     $12::date[], $13::date[], $14::bigint[], $15::bigint[], $16::bigint[], $17::bigint[], $18::bigint[], $19::bigint[], $20::bigint[], $21::bigint[])
           AS x(c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21)`,
        [
          col((d) => d.claimId),
          col((d) => d.personId),
          col((d) => d.institutionId),
          col((d) => d.institutionLevel),
          col((d) => d.claimType),
          col((d) => d.regionCode),
          col((d) => d.coverageYear),
          col((d) => d.policyId),
          col((d) => d.assistanceCategory),
          col((d) => d.admissionDate),
          col((d) => d.dischargeDate),
          col((d) => d.serviceDate),
          col((d) => d.businessDate),
          col((d) => d.totalCostFen),
          col((d) => d.policyCostFen),
          col((d) => d.breakdown.basicFen),
          col((d) => d.breakdown.criticalIllnessFen),
          col((d) => d.breakdown.assistanceFen),
          col((d) => d.breakdown.reAssistanceFen),
          col((d) => d.breakdown.personalFen),
          settled.map((s) => s.position),
        ],
      );
    }
    // a correction follows its settlement and precedes any reversal; twice in one batch: the last
    const corrected = [
      ...new Map(
        events
          .filter((e) => e.type === 'ClaimCorrected')
          .map((e) => {
            const d = e.data as Corrected;
            return [d.claimId, d] as const;
          }),
      ).values(),
    ];
    if (corrected.length > 0) {
      const col = (f: (d: Corrected) => unknown) => corrected.map(f);
      await client.query(
        `UPDATE ${table} c SET status = 'corrected', total_cost_fen = r.total_cost_fen, policy_cost_fen = r.policy_cost_fen,
           basic_fen = r.basic_fen, critical_illness_fen = r.critical_illness_fen, assistance_fen = r.assistance_fen,
           re_assistance_fen = r.re_assistance_fen, personal_fen = r.personal_fen
         FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[])
           AS r(claim_id, total_cost_fen, policy_cost_fen, basic_fen, critical_illness_fen, assistance_fen, re_assistance_fen, personal_fen)
         WHERE c.claim_id = r.claim_id`,
        [
          col((d) => d.claimId),
          col((d) => d.after.totalCostFen),
          col((d) => d.after.policyCostFen),
          col((d) => d.after.breakdown.basicFen),
          col((d) => d.after.breakdown.criticalIllnessFen),
          col((d) => d.after.breakdown.assistanceFen),
          col((d) => d.after.breakdown.reAssistanceFen),
          col((d) => d.after.breakdown.personalFen),
        ],
      );
    }
    const reversed = events.filter((e) => e.type === 'ClaimReversed');
    if (reversed.length > 0) {
      await client.query(
        `UPDATE ${table} c SET status = 'reversed', reversed_position = r.position FROM unnest($1::text[], $2::bigint[]) AS r(claim_id, position) WHERE c.claim_id = r.claim_id`,
        [reversed.map((e) => e.data.claimId), reversed.map((e) => e.position)],
      );
    }
  },
};
