import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { pgPoolToken } from '../../eventstore/event-store.module.js';
import { notFound } from '../../http/problem-error.js';
import { ReadModels } from '../../read-models/read-models.module.js';

export const institutionClaimsMax = 10000;

/**
 * An institution's history as it stood at a position: its claims with the amounts per tier from
 * the log (settled up to the position, reversed if the reversal is too), tier totals, and the
 * alerts raised about it by then with their status then.
 */
@Injectable()
export class InstitutionHistoryQuery {
  constructor(
    @Inject(pgPoolToken) private readonly pool: pg.Pool,
    private readonly readModels: ReadModels,
  ) {}

  async history(institutionId: string, asOfPosition?: number): Promise<Record<string, unknown>> {
    const head = asOfPosition ?? Number((await this.pool.query<{ h: string | null }>('SELECT max(position)::text AS h FROM events')).rows[0]?.h ?? 0);
    const { rows } = await this.pool.query(
      `SELECT s.position::text AS position, s.data AS settled,
              (SELECT r.position::text FROM events r WHERE coalesce(r.data->>'claimId', r.data->>'grantId', r.data->>'appropriationId', r.data->>'enrollmentId') = s.data->>'claimId'
                 AND r.type = 'ClaimReversed' AND r.position <= $2 LIMIT 1) AS reversed_position
       FROM events s WHERE s.type = 'ClaimSettled' AND s.data->>'institutionId' = $1 AND s.position <= $2
       ORDER BY s.position LIMIT ${institutionClaimsMax}`,
      [institutionId, head],
    );
    if (rows.length === 0) throw notFound('institution with claims', institutionId);
    // sums in bigint: an institution's claims can pass 2^53 fen together (exact-json.ts writes them)
    const totals = { claims: 0, totalCostFen: 0n, basicFen: 0n, criticalIllnessFen: 0n, assistanceFen: 0n, reAssistanceFen: 0n, personalFen: 0n };
    const claims = rows.map((r: { position: string; settled: Record<string, any>; reversed_position: string | null }) => {
      const s = r.settled;
      const reversed = r.reversed_position !== null;
      if (!reversed) {
        totals.claims += 1;
        totals.totalCostFen += BigInt(s.totalCostFen);
        for (const k of ['basicFen', 'criticalIllnessFen', 'assistanceFen', 'reAssistanceFen', 'personalFen'] as const) totals[k] += BigInt(s.breakdown[k]);
      }
      return {
        claimId: s.claimId, personId: s.personId, claimType: s.claimType, institutionLevel: s.institutionLevel, serviceDate: s.serviceDate,
        dischargeDate: s.dischargeDate, totalCostFen: s.totalCostFen, breakdown: s.breakdown, status: reversed ? 'reversed' : 'settled',
        settledPosition: Number(r.position), reversedPosition: reversed ? Number(r.reversed_position) : null,
      };
    });
    await this.readModels.caughtUp('alerts');
    const alerts = await this.pool.query(
      `SELECT alert_id, rule, CASE WHEN resolved_position <= $2 THEN status ELSE 'open' END AS status, person_id, claim_id, evidence, raised_at
       FROM alerts WHERE institution_id = $1 AND raised_position <= $2 ORDER BY raised_position`,
      [institutionId, head],
    );
    return {
      institutionId,
      asOfPosition: head,
      totals,
      claims,
      alerts: alerts.rows.map((a: Record<string, any>) => ({ alertId: a.alert_id, rule: a.rule, status: a.status, personId: a.person_id, claimId: a.claim_id, evidence: a.evidence, raisedAt: (a.raised_at as Date).toISOString() })),
    };
  }
}
