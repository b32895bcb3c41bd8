import { Injectable } from '@nestjs/common';
import { ReadModels } from '../../read-models/read-models.module.js';

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
  constructor(private readonly readModels: ReadModels) {}

  async list(filter: AlertFilter): Promise<Array<Record<string, unknown>>> {
    await this.readModels.caughtUp('alerts');
    const params: unknown[] = [];
    const where: string[] = [];
    const columns: Array<[keyof AlertFilter, string]> = [['rule', 'rule'], ['personId', 'person_id'], ['institutionId', 'institution_id'], ['status', 'status']];
    for (const [key, column] of columns) {
      if (filter[key] !== undefined) where.push(`${column} = $${params.push(filter[key])}`);
    }
    const { rows } = await this.readModels.pool.query(
      `SELECT a.alert_id, a.rule, a.status, a.person_id, a.institution_id, a.claim_id, a.evidence, a.raised_at, a.raised_position::text,
              a.resolved_position::text, a.outcome_note, c.reversed_position::text AS reversed_position
       FROM alerts a LEFT JOIN claims_view c ON c.claim_id = a.claim_id
       ${where.length ? `WHERE ${where.map((w) => `a.${w}`).join(' AND ')}` : ''} ORDER BY a.raised_position DESC LIMIT ${alertsPageMax}`,
      params,
    );
    return rows.map((r: Record<string, any>) => ({
      alertId: r.alert_id,
      rule: r.rule,
      status: r.status,
      personId: r.person_id,
      institutionId: r.institution_id,
      claimId: r.claim_id,
      evidence: r.evidence,
      raisedAt: (r.raised_at as Date).toISOString(),
      // the alert's history: raised, the investigator's finding, the clawback (追回) of its claim
      history: [
        { event: 'raised', position: Number(r.raised_position) },
        ...(r.resolved_position ? [{ event: r.status, position: Number(r.resolved_position), note: r.outcome_note }] : []),
        ...(r.reversed_position ? [{ event: 'claim-reversed', position: Number(r.reversed_position), claimId: r.claim_id }] : []),
      ].sort((x, y) => x.position - y.position),
    }));
  }

  async exists(alertId: string): Promise<boolean> {
    await this.readModels.caughtUp('alerts');
    const { rowCount } = await this.readModels.pool.query('SELECT 1 FROM alerts WHERE alert_id = $1', [alertId]);
    return (rowCount ?? 0) > 0;
  }
}
