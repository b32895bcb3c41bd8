import { Injectable } from '@nestjs/common';
import { ReadModels } from '../../src/read-models/read-models.module.js';
import type { QueryReads } from '../query-reads.js';
import type { AlertRow } from './alert-row.js';

export const alertsPageMax = 1000;

export interface AlertFilter {
  readonly rule?: string;
  readonly personId?: string;
  readonly institutionId?: string;
  readonly status?: string;
}

/** Alerts from the alerts projection, newest first, at most alertsPageMax. */
@Injectable()
export class AlertsQuery {
  /** the alerts, and claims_view for the reversal of an alert's claim */
  static readonly reads: QueryReads = { now: ['alerts', 'claims'] };

  constructor(private readonly readModels: ReadModels) {}

  /**
   * `asOfPosition`: the alerts as they stood then. An alert row is only ever inserted (raised) and
   * once updated (resolved), each with its position, so the state at a position is exact: raised at
   * or below it, resolved only if the resolution is at or below it, likewise the claim's reversal.
   */
  async list(filter: AlertFilter, asOfPosition?: number): Promise<Array<Record<string, unknown>>> {
    await this.readModels.ready(AlertsQuery.reads, asOfPosition);
    const params: unknown[] = [asOfPosition ?? null];
    const at = (column: string) =>
      `CASE WHEN $1::bigint IS NULL OR ${column} <= $1::bigint THEN ${column} END`;
    const where: string[] = ['($1::bigint IS NULL OR raised_position <= $1::bigint)'];
    const columns: Array<[keyof AlertFilter, string]> = [
      ['rule', 'rule'],
      ['personId', 'person_id'],
      ['institutionId', 'institution_id'],
      ['status', 'status'],
    ];
    for (const [key, column] of columns) {
      if (filter[key] !== undefined) where.push(`${column} = $${params.push(filter[key])}`);
    }
    const { rows } = await this.readModels.pool.query(
      `SELECT * FROM (
         SELECT a.alert_id, a.rule, CASE WHEN ${at('a.resolved_position')} IS NULL THEN 'open' ELSE a.status END AS status,
                a.person_id, a.institution_id, a.claim_id, a.evidence, a.raised_at, a.raised_position,
                ${at('a.resolved_position')}::text AS resolved_position, a.outcome_note, ${at('c.reversed_position')}::text AS reversed_position
         FROM alerts a LEFT JOIN claims_view c ON c.claim_id = a.claim_id) a
       WHERE ${where.join(' AND ')} ORDER BY a.raised_position DESC LIMIT ${alertsPageMax}`,
      params,
    );
    return rows.map(
      (
        r: AlertRow & {
          raised_position: string;
          resolved_position: string | null;
          reversed_position: string | null;
          outcome_note: string | null;
        },
      ) => ({
        alertId: r.alert_id,
        rule: r.rule,
        status: r.status,
        personId: r.person_id,
        institutionId: r.institution_id,
        claimId: r.claim_id,
        evidence: r.evidence,
        raisedAt: r.raised_at.toISOString(),
        // the alert's history: raised, the investigator's finding, the clawback (追回) of its claim
        history: [
          { event: 'raised', position: Number(r.raised_position) },
          ...(r.resolved_position
            ? [{ event: r.status, position: Number(r.resolved_position), note: r.outcome_note }]
            : []),
          ...(r.reversed_position
            ? [
                {
                  event: 'claim-reversed',
                  position: Number(r.reversed_position),
                  claimId: r.claim_id,
                },
              ]
            : []),
        ].sort((x, y) => x.position - y.position),
      }),
    );
  }

  /** The alert's rule and person, if it exists. */
  async find(alertId: string): Promise<{ rule: string; personId: string | null } | undefined> {
    await this.readModels.ready(AlertsQuery.reads);
    const { rows } = await this.readModels.pool.query<{ rule: string; person_id: string | null }>(
      'SELECT rule, person_id FROM alerts WHERE alert_id = $1',
      [alertId],
    );
    return rows[0] ? { rule: rows[0].rule, personId: rows[0].person_id } : undefined;
  }

  async exists(alertId: string): Promise<boolean> {
    await this.readModels.ready(AlertsQuery.reads);
    const { rowCount } = await this.readModels.pool.query(
      'SELECT 1 FROM alerts WHERE alert_id = $1',
      [alertId],
    );
    return (rowCount ?? 0) > 0;
  }
}
