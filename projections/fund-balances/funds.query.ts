import { Injectable } from '@nestjs/common';
import { ReadModels } from '../../src/read-models/read-models.module.js';
import { poolingCity } from '../../src/shared/domain/pooling-region.js';
import type { QueryReads } from '../query-reads.js';

export interface FundRow {
  readonly account: string;
  readonly kind: string;
  readonly regionCode: string;
  readonly year: number | null;
  // bigint: the sums of a fund can pass 2^53 fen (many appropriations at the 10^13 bound, or a
  // log written before the bound); written to JSON as exact integers (http/exact-json.ts)
  readonly creditsFen: bigint;
  readonly debitsFen: bigint;
  readonly balanceFen: bigint;
}

/** Fund balances: live from the fund-balances projection, or as of a position from the postings up to it. */
@Injectable()
export class FundsQuery {
  /** now: the balances; as of a position: the postings up to it */
  static readonly reads: QueryReads = { now: ['fund-balances'], asOf: ['postings'] };

  constructor(private readonly readModels: ReadModels) {}

  async funds(filter: {
    regionCode?: string;
    year?: number;
    asOfPosition?: number;
  }): Promise<FundRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    // a county's funds are its pooling city's (POLICY.md "Pooling regions"); accounts recorded
    // under the county itself before pooling stay visible under it
    if (filter.regionCode)
      where.push(
        `region_code = ANY($${params.push([...new Set([filter.regionCode, poolingCity(filter.regionCode)])])})`,
      );
    if (filter.year !== undefined)
      where.push(`(year = $${params.push(filter.year)} OR year IS NULL)`);
    await this.readModels.ready(FundsQuery.reads, filter.asOfPosition);
    let sql: string;
    if (filter.asOfPosition === undefined) {
      sql = `SELECT account, kind, region_code, year, credits_fen::text, debits_fen::text FROM fund_balances`;
    } else {
      const bound = `position <= $${params.push(filter.asOfPosition)}`;
      sql = `SELECT account, kind, region_code, year, credits_fen::text, debits_fen::text FROM (
               SELECT account, split_part(account, ':', 2) AS kind, split_part(account, ':', 3) AS region_code,
                      nullif(split_part(account, ':', 4), '')::int AS year, sum(credit_fen) AS credits_fen, sum(debit_fen) AS debits_fen
               FROM ledger_postings WHERE account LIKE 'fund:%' AND ${bound} GROUP BY account) f`;
    }
    const { rows } = await this.readModels.pool.query(
      `${sql} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY account`,
      params,
    );
    return rows.map(
      (r: {
        account: string;
        kind: string;
        region_code: string;
        year: number | null;
        credits_fen: string;
        debits_fen: string;
      }) => {
        const credits = BigInt(r.credits_fen);
        const debits = BigInt(r.debits_fen);
        return {
          account: r.account,
          kind: r.kind,
          regionCode: r.region_code,
          year: r.year,
          creditsFen: credits,
          debitsFen: debits,
          balanceFen: credits - debits,
        };
      },
    );
  }
}
