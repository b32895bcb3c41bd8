import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { pgPoolToken } from '../../src/eventstore/event-store.module.js';
import { logReaderToken, type LogReader } from '../../src/eventstore/log-reader.port.js';
import { missing } from '../../src/shared/domain/refusal.js';
import { ReadModels } from '../../src/read-models/read-models.module.js';
import type { QueryReads } from '../query-reads.js';
import type { EventData } from '../../events/event-definition.js';
import type { ClaimCorrected, ClaimSettled } from '../../events/index.js';
import type { AlertRow } from './alert-row.js';

export const institutionClaimsMax = 10000;

/**
 * An institution's history as it stood at a position: its claims with the amounts per tier from
 * the log (settled up to the position, as last corrected by then — status "corrected" with the
 * corrected total cost and shares, as GET /claims/{id} shows — reversed if the reversal is too),
 * tier totals over the unreversed claims as they stand, and the
 * alerts raised about it by then with their status then.
 */
@Injectable()
export class InstitutionHistoryQuery {
  /** the claims from the log, the alerts from their read model, both bounded by one position */
  static readonly reads: QueryReads = { now: ['log', 'alerts'] };

  constructor(
    @Inject(pgPoolToken) private readonly pool: pg.Pool,
    @Inject(logReaderToken) private readonly log: LogReader,
    private readonly readModels: ReadModels,
  ) {}

  async history(institutionId: string, asOfPosition?: number): Promise<Record<string, unknown>> {
    const waited = await this.readModels.ready(InstitutionHistoryQuery.reads, asOfPosition);
    const head = asOfPosition ?? waited;
    const settled = await this.log.settledAt(institutionId, {
      toPosition: head,
      max: institutionClaimsMax,
    });
    if (settled.length === 0)
      throw missing('not-found', `no institution with claims ${institutionId}`);
    const reversals = await this.log.refsAbout(
      settled.map((e) => e.data.claimId as string),
      { types: ['ClaimReversed'], toPosition: head, max: institutionClaimsMax },
    );
    const reversedAt = new Map<string, number>();
    for (const r of reversals)
      if (!reversedAt.has(r.subject)) reversedAt.set(r.subject, r.position);
    // a claim corrected (ClaimCorrected) by then counts with its last correction's amounts
    const corrections = await this.log.about(
      settled.map((e) => e.data.claimId as string),
      { types: ['ClaimCorrected'], toPosition: head, max: institutionClaimsMax },
    );
    const correctedOf = new Map<string, EventData<typeof ClaimCorrected>['after']>();
    for (const c of corrections)
      // in position order: the last one stays
      correctedOf.set(c.data.claimId as string, (c.data as EventData<typeof ClaimCorrected>).after);
    const rows = settled.map((e) => {
      const s = e.data as EventData<typeof ClaimSettled>;
      const corrected = correctedOf.get(s.claimId);
      return {
        position: e.position,
        settled: corrected
          ? { ...s, totalCostFen: corrected.totalCostFen, breakdown: corrected.breakdown }
          : s,
        corrected: corrected !== undefined,
        reversedPosition: reversedAt.get(s.claimId) ?? null,
      };
    });
    // sums in bigint: an institution's claims can pass 2^53 fen together (exact-json.ts writes them)
    const totals = {
      claims: 0,
      totalCostFen: 0n,
      basicFen: 0n,
      criticalIllnessFen: 0n,
      assistanceFen: 0n,
      reAssistanceFen: 0n,
      personalFen: 0n,
    };
    const claims = rows.map((r) => {
      const s = r.settled;
      const reversed = r.reversedPosition !== null;
      if (!reversed) {
        totals.claims += 1;
        totals.totalCostFen += BigInt(s.totalCostFen);
        for (const k of [
          'basicFen',
          'criticalIllnessFen',
          'assistanceFen',
          'reAssistanceFen',
          'personalFen',
        ] as const)
          totals[k] += BigInt(s.breakdown[k]);
      }
      return {
        claimId: s.claimId,
        personId: s.personId,
        claimType: s.claimType,
        institutionLevel: s.institutionLevel,
        serviceDate: s.serviceDate,
        dischargeDate: s.dischargeDate,
        totalCostFen: s.totalCostFen,
        breakdown: s.breakdown,
        status: reversed ? 'reversed' : r.corrected ? 'corrected' : 'settled',
        settledPosition: r.position,
        reversedPosition: r.reversedPosition,
      };
    });
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
      alerts: alerts.rows.map((a: AlertRow) => ({
        alertId: a.alert_id,
        rule: a.rule,
        status: a.status,
        personId: a.person_id,
        claimId: a.claim_id,
        evidence: a.evidence,
        raisedAt: a.raised_at.toISOString(),
      })),
    };
  }
}
