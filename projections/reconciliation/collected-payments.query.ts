import { Injectable } from '@nestjs/common';
import { ReadModels } from '../../src/read-models/read-models.module.js';
import type { CollectedPayment } from '../../src/reconciliation/domain/collections-reconciliation.js';
import type { DateRange } from '../../src/reconciliation/domain/reconciliation-periods.js';
import type { QueryReads } from '../query-reads.js';

/** The contributions paid with a receipt in a pooling region and date range, as the log stood at one position. */
@Injectable()
export class CollectedPaymentsQuery {
  static readonly reads: QueryReads = { now: ['reconciliation'] };

  constructor(private readonly readModels: ReadModels) {}

  async payments(
    poolingRegion: string,
    range: DateRange,
  ): Promise<{ position: number; payments: CollectedPayment[] }> {
    const position = await this.readModels.ready(CollectedPaymentsQuery.reads);
    const { rows } = await this.readModels.pool.query<{ r: string; a: string; d: string }>(
      `SELECT receipt_no AS r, amount_fen::text AS a, to_char(paid_on, 'YYYY-MM-DD') AS d
       FROM reconciliation_payments
       WHERE pooling_region = $1 AND paid_on BETWEEN $2 AND $3 AND position <= $4`,
      [poolingRegion, range.from, range.to, position],
    );
    return {
      position,
      payments: rows.map((r) => ({ receiptNo: r.r, amountFen: Number(r.a), paidOn: r.d })),
    };
  }
}
