import type { EventData } from '../../events/event-definition.js';
import type { ClaimCorrected, ClaimSettled } from '../../events/index.js';
import { quoteIdent, type Projection } from '../projection.js';
import { insertByUnnest } from '../row-inserter.js';

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
  async apply(client, schema, events, _log, rows = insertByUnnest): Promise<void> {
    const table = `${quoteIdent(schema)}.claims_view`;
    // a reversal always follows its settlement: insert this batch's settlements first
    const settled = events
      .filter((e) => e.type === 'ClaimSettled')
      .map((e) => ({ d: e.data as Settled, position: e.position }));
    const col = (f: (d: Settled) => unknown) => settled.map(({ d }) => f(d));
    await rows.insert(client, table, [
      ['claim_id', 'text', col((d) => d.claimId)],
      ['person_id', 'text', col((d) => d.personId)],
      ['institution_id', 'text', col((d) => d.institutionId)],
      ['institution_level', 'text', col((d) => d.institutionLevel)],
      ['claim_type', 'text', col((d) => d.claimType)],
      ['region_code', 'text', col((d) => d.regionCode)],
      ['coverage_year', 'int', col((d) => d.coverageYear)],
      ['policy_id', 'text', col((d) => d.policyId)],
      ['assistance_category', 'text', col((d) => d.assistanceCategory)],
      ['admission_date', 'date', col((d) => d.admissionDate)],
      ['discharge_date', 'date', col((d) => d.dischargeDate)],
      ['service_date', 'date', col((d) => d.serviceDate)],
      ['business_date', 'date', col((d) => d.businessDate)],
      ['total_cost_fen', 'bigint', col((d) => d.totalCostFen)],
      ['policy_cost_fen', 'bigint', col((d) => d.policyCostFen)],
      ['basic_fen', 'bigint', col((d) => d.breakdown.basicFen)],
      ['critical_illness_fen', 'bigint', col((d) => d.breakdown.criticalIllnessFen)],
      ['assistance_fen', 'bigint', col((d) => d.breakdown.assistanceFen)],
      ['re_assistance_fen', 'bigint', col((d) => d.breakdown.reAssistanceFen)],
      ['personal_fen', 'bigint', col((d) => d.breakdown.personalFen)],
      ['status', 'text', col(() => 'settled')],
      ['settled_position', 'bigint', settled.map((s) => s.position)],
    ]);
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
