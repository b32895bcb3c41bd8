import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { accounts } from '../../ledger/domain/accounts.js';
import { ReadModels } from '../../read-models/read-models.module.js';
import { categorise, monthlyStatements, type ClassifiedLine, type MonthlyStatement } from '../domain/monthly-statement.js';

export interface FundStatements {
  readonly account: string;
  readonly kind: string;
  readonly months: readonly MonthlyStatement[];
}

/**
 * Every posting line of a region's funds up to the year's end, with the account on the other side
 * of its transfer (postings are made as debit-credit pairs) and the event's claim type, source and
 * tier, classified and folded into monthly statements.
 */
@Injectable()
export class StatementsQuery {
  constructor(private readonly readModels: ReadModels) {}

  async statements(regionCode: string, year: number, asOfPosition?: number): Promise<FundStatements[]> {
    await this.readModels.caughtUp('postings');
    return fundStatements(this.readModels.pool, regionCode, year, asOfPosition);
  }
}

/** The statements from the postings projection as it stands, or as of a position (the CLI calls this directly). */
export async function fundStatements(pool: pg.Pool, regionCode: string, year: number, asOfPosition?: number): Promise<FundStatements[]> {
  const funds = [
    { account: accounts.basicFund(regionCode, year), kind: 'basic' },
    { account: accounts.criticalIllnessFund(regionCode, year), kind: 'critical-illness' },
    { account: accounts.assistanceFund(regionCode), kind: 'assistance' },
  ];
  const { rows } = await pool.query(
    `SELECT p.account, to_char(p.business_date, 'YYYY-MM-DD') AS business_date, p.debit_fen::text, p.credit_fen::text, p.event_type,
            q.account AS counterparty, e.data->>'claimType' AS claim_type, e.data->>'source' AS source,
            CASE WHEN p.account LIKE 'fund:basic:%' THEN 'basic'
                 WHEN p.account LIKE 'fund:critical-illness:%' THEN 'critical-illness'
                 WHEN p.line = min(p.line) OVER (PARTITION BY p.position, p.account, p.debit_fen > 0)
                      AND coalesce((e.data->'breakdown'->>'assistanceFen')::bigint, (e.data->>'assistanceFen')::bigint, (e.data->'returned'->>'assistanceFen')::bigint, 0) > 0
                   THEN 'assistance'
                 ELSE 're-assistance' END AS tier
     FROM ledger_postings p
     JOIN ledger_postings q ON q.position = p.position AND q.line = CASE WHEN p.line % 2 = 0 THEN p.line + 1 ELSE p.line - 1 END
     JOIN events e ON e.event_id = p.event_id
     WHERE p.account = ANY($1::text[]) AND p.business_date <= $2 AND ($3::bigint IS NULL OR p.position <= $3::bigint)
     ORDER BY p.position, p.line`,
    [funds.map((f) => f.account), `${year}-12-31`, asOfPosition ?? null],
  );
  const lines: ClassifiedLine[] = rows.map((r: Record<string, string>) => ({
    account: r.account!,
    businessDate: r.business_date!,
    debitFen: BigInt(r.debit_fen!),
    creditFen: BigInt(r.credit_fen!),
    category: categorise({ eventType: r.event_type!, counterparty: r.counterparty!, claimType: r.claim_type ?? null, source: r.source ?? null, tier: r.tier ?? null }),
  }));
  return funds.map((f) => ({ ...f, months: monthlyStatements(f.account, year, lines) }));
}
