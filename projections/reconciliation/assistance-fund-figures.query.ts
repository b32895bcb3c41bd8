import { Injectable } from '@nestjs/common';
import { ReadModels } from '../../src/read-models/read-models.module.js';
import type { FundFigures } from '../../src/reconciliation/domain/assistance-fund-reconciliation.js';
import type { DateRange } from '../../src/reconciliation/domain/reconciliation-periods.js';
import type { QueryReads } from '../query-reads.js';

/**
 * An assistance fund's figures for a business-date range from its postings, as the log stood at
 * one position: income = credits in the range, expense = debits in the range, closing balance =
 * credits minus debits of every posting dated up to the range's last day.
 */
@Injectable()
export class AssistanceFundFiguresQuery {
  static readonly reads: QueryReads = { now: ['postings'] };

  constructor(private readonly readModels: ReadModels) {}

  async figures(
    account: string,
    range: DateRange,
  ): Promise<{ position: number; figures: FundFigures }> {
    const position = await this.readModels.ready(AssistanceFundFiguresQuery.reads);
    const { rows } = await this.readModels.pool.query<{ i: string; e: string; c: string }>(
      `SELECT coalesce(sum(credit_fen) FILTER (WHERE business_date >= $2), 0)::text AS i,
              coalesce(sum(debit_fen) FILTER (WHERE business_date >= $2), 0)::text AS e,
              coalesce(sum(credit_fen) - sum(debit_fen), 0)::text AS c
       FROM ledger_postings WHERE account = $1 AND business_date <= $3 AND position <= $4`,
      [account, range.from, range.to, position],
    );
    const r = rows[0]!;
    return {
      position,
      figures: { incomeFen: safe(r.i), expenseFen: safe(r.e), closingBalanceFen: safe(r.c) },
    };
  }
}

function safe(text: string): number {
  const value = BigInt(text);
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`a fund figure passes 2^53 - 1 fen: ${text}`);
  return Number(value);
}
