import { Injectable } from '@nestjs/common';
import { ReadModels } from '../../src/read-models/read-models.module.js';
import type { InstitutionClaimLine } from '../../src/reconciliation/domain/institution-reconciliation.js';
import type { DateRange } from '../../src/reconciliation/domain/reconciliation-periods.js';
import type { QueryReads } from '../query-reads.js';

/**
 * The ledger side of a hospital's month: its settled claims whose business date falls in the
 * range and that were not reversed, as the log stood at one position (settled at or before it,
 * not reversed at or before it), each with its invoice, total cost and fund paid.
 */
@Injectable()
export class InstitutionClaimsQuery {
  static readonly reads: QueryReads = { now: ['reconciliation'] };

  constructor(private readonly readModels: ReadModels) {}

  async lines(
    institutionId: string,
    range: DateRange,
  ): Promise<{ position: number; lines: InstitutionClaimLine[] }> {
    const position = await this.readModels.ready(InstitutionClaimsQuery.reads);
    const { rows } = await this.readModels.pool.query<{ i: string; t: string; f: string }>(
      `SELECT invoice_no AS i, total_cost_fen::text AS t, fund_paid_fen::text AS f
       FROM reconciliation_claims
       WHERE institution_id = $1 AND business_date BETWEEN $2 AND $3 AND settled_position <= $4
         AND (reversed_position IS NULL OR reversed_position > $4)`,
      [institutionId, range.from, range.to, position],
    );
    return {
      position,
      lines: rows.map((r) => ({
        invoiceNo: r.i,
        totalCostFen: Number(r.t),
        fundPaidFen: Number(r.f),
      })),
    };
  }
}
