import { Injectable } from '@nestjs/common';
import { ReadModels } from '../../src/read-models/read-models.module.js';
import type { QueryReads } from '../query-reads.js';

export const postingsPageMax = 1000;

/** Pages of the postings ledger in log order; the cursor is `position.line` of the last line given. */
@Injectable()
export class PostingsQuery {
  static readonly reads: QueryReads = { now: ['postings'] };

  constructor(private readonly readModels: ReadModels) {}

  /** `asOfPosition`: only the lines of events at or below it, as the ledger stood then. */
  async page(filter: {
    account?: string;
    after: { position: number; line: number };
    limit: number;
    asOfPosition?: number;
  }) {
    await this.readModels.ready(PostingsQuery.reads, filter.asOfPosition);
    const params: unknown[] = [filter.after.position, filter.after.line];
    let where = '(position, line) > ($1, $2)';
    if (filter.account) where += ` AND account = $${params.push(filter.account)}`;
    if (filter.asOfPosition !== undefined)
      where += ` AND position <= $${params.push(filter.asOfPosition)}`;
    params.push(filter.limit);
    // ORDER BY names the table: bare `position` would sort the text cast of the select list (10 before 9)
    const { rows } = await this.readModels.pool.query(
      `SELECT position::text, line, event_id::text, event_type, account, debit_fen::text, credit_fen::text, to_char(business_date, 'YYYY-MM-DD') AS business_date, recorded_at
       FROM ledger_postings WHERE ${where} ORDER BY ledger_postings.position, ledger_postings.line LIMIT $${params.length}`,
      params,
    );
    const postings = rows.map((r: Record<string, string & Date & number>) => ({
      position: Number(r.position),
      line: r.line,
      eventId: r.event_id,
      eventType: r.event_type,
      account: r.account,
      // bigint: exact whatever the log holds (exact-json.ts writes the digits)
      debitFen: BigInt(r.debit_fen),
      creditFen: BigInt(r.credit_fen),
      businessDate: r.business_date,
      recordedAt: (r.recorded_at as Date).toISOString(),
    }));
    const last = postings[postings.length - 1];
    return {
      postings,
      next: postings.length === filter.limit && last ? `${last.position}.${last.line}` : null,
    };
  }
}
