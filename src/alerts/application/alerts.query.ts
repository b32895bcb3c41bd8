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
      `SELECT alert_id, rule, status, person_id, institution_id, claim_id, evidence, raised_at FROM alerts
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY raised_position DESC LIMIT ${alertsPageMax}`,
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
    }));
  }

  async exists(alertId: string): Promise<boolean> {
    await this.readModels.caughtUp('alerts');
    const { rowCount } = await this.readModels.pool.query('SELECT 1 FROM alerts WHERE alert_id = $1', [alertId]);
    return (rowCount ?? 0) > 0;
  }
}
