import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { logReaderToken, type LogReader } from '../../src/eventstore/log-reader.port.js';
import { accounts } from '../../src/ledger/domain/accounts.js';
import { ReadModels } from '../../src/read-models/read-models.module.js';
import {
  categorise,
  categorisePayable,
  monthlyStatements,
  type ClassifiedLine,
  type MonthlyStatement,
} from '../../src/statements/domain/monthly-statement.js';
import type { QueryReads } from '../query-reads.js';

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
  /** the postings; each posting's event facts come from the log, at positions the postings hold */
  static readonly reads: QueryReads = { now: ['postings'] };

  constructor(
    private readonly readModels: ReadModels,
    @Inject(logReaderToken) private readonly log: LogReader,
  ) {}

  async statements(
    regionCode: string,
    year: number,
    asOfPosition?: number,
  ): Promise<FundStatements[]> {
    await this.readModels.ready(StatementsQuery.reads, asOfPosition);
    return fundStatements(this.readModels.pool, this.log, regionCode, year, asOfPosition);
  }
}

/** What the statements need from each posting's event: its claim type, source and assistance amount. */
const eventFields = {
  claimType: ['claimType'],
  source: ['source'],
  settledAssistanceFen: ['breakdown', 'assistanceFen'],
  grantedAssistanceFen: ['assistanceFen'],
  returnedAssistanceFen: ['returned', 'assistanceFen'],
} as const;

interface StatementRow {
  account: string;
  business_date: string;
  debit_fen: string;
  credit_fen: string;
  event_type: string;
  event_id: string;
  counterparty: string;
  first_of_side: boolean;
}

/** The statements from the postings projection as it stands, or as of a position (the CLI calls this directly). */
export async function fundStatements(
  pool: pg.Pool,
  log: LogReader,
  regionCode: string,
  year: number,
  asOfPosition?: number,
): Promise<FundStatements[]> {
  const funds = [
    { account: accounts.basicFund(regionCode, year), kind: 'basic' },
    { account: accounts.criticalIllnessFund(regionCode, year), kind: 'critical-illness' },
    { account: accounts.assistanceFund(regionCode), kind: 'assistance' },
  ];
  const { rows } = await pool.query<StatementRow>(
    `SELECT p.account, to_char(p.business_date, 'YYYY-MM-DD') AS business_date, p.debit_fen::text, p.credit_fen::text, p.event_type,
            p.event_id::text AS event_id, q.account AS counterparty,
            p.line = min(p.line) OVER (PARTITION BY p.position, p.account, p.debit_fen > 0) AS first_of_side
     FROM ledger_postings p
     JOIN ledger_postings q ON q.position = p.position AND q.line = CASE WHEN p.line % 2 = 0 THEN p.line + 1 ELSE p.line - 1 END
     WHERE p.account = ANY($1::text[]) AND p.business_date <= $2 AND ($3::bigint IS NULL OR p.position <= $3::bigint)
     ORDER BY p.position, p.line`,
    [funds.map((f) => f.account), `${year}-12-31`, asOfPosition ?? null],
  );
  const facts = await log.fieldsOf([...new Set(rows.map((r) => r.event_id))], eventFields);
  const lines: ClassifiedLine[] = rows.map((r) => {
    const f = facts.get(r.event_id) ?? {};
    return {
      account: r.account,
      businessDate: r.business_date,
      debitFen: BigInt(r.debit_fen),
      creditFen: BigInt(r.credit_fen),
      category: categorise({
        eventType: r.event_type,
        counterparty: r.counterparty,
        claimType: f.claimType ?? null,
        source: f.source ?? null,
        tier: tierOf(r, f),
      }),
    };
  });
  const fundsMonths = funds.map((f) => ({
    ...f,
    months: monthlyStatements(f.account, year, lines),
  }));
  const payables = await payablesOfRegion(pool, regionCode, year, asOfPosition);
  return [...fundsMonths, ...(await payableStatements(pool, payables, year, asOfPosition))];
}

/** The payables of the institutions the region's funds (of any year up to this one) paid claims to. */
async function payablesOfRegion(
  pool: pg.Pool,
  regionCode: string,
  year: number,
  asOfPosition?: number,
): Promise<string[]> {
  const { rows } = await pool.query<{ account: string }>(
    `SELECT DISTINCT q.account
     FROM ledger_postings p
     JOIN ledger_postings q ON q.position = p.position AND q.line = CASE WHEN p.line % 2 = 0 THEN p.line + 1 ELSE p.line - 1 END
     WHERE (p.account LIKE $1 OR p.account LIKE $2 OR p.account = $3) AND q.account LIKE 'payable:institution:%'
       AND p.business_date <= $4 AND ($5::bigint IS NULL OR p.position <= $5::bigint)
     ORDER BY q.account`,
    [
      `fund:basic:${regionCode}:%`,
      `fund:critical-illness:${regionCode}:%`,
      accounts.assistanceFund(regionCode),
      `${year}-12-31`,
      asOfPosition ?? null,
    ],
  );
  return rows.map((r) => r.account);
}

/**
 * The payables of the institutions the region's funds paid (应付医疗机构款): what claims and
 * corrections owe them, what recoveries returned, and the payouts (拨付) to their banks, by month.
 * An institution's payable is one account whichever region's funds owe it.
 */
async function payableStatements(
  pool: pg.Pool,
  payables: readonly string[],
  year: number,
  asOfPosition?: number,
): Promise<FundStatements[]> {
  if (payables.length === 0) return [];
  const { rows } = await pool.query<{
    account: string;
    business_date: string;
    debit_fen: string;
    credit_fen: string;
    event_type: string;
  }>(
    `SELECT account, to_char(business_date, 'YYYY-MM-DD') AS business_date, debit_fen::text, credit_fen::text, event_type
     FROM ledger_postings
     WHERE account = ANY($1::text[]) AND business_date <= $2 AND ($3::bigint IS NULL OR position <= $3::bigint)
     ORDER BY position, line`,
    [payables, `${year}-12-31`, asOfPosition ?? null],
  );
  const lines: ClassifiedLine[] = rows.map((r) => ({
    account: r.account,
    businessDate: r.business_date,
    debitFen: BigInt(r.debit_fen),
    creditFen: BigInt(r.credit_fen),
    category: categorisePayable(r.event_type, BigInt(r.credit_fen)),
  }));
  return payables.map((account) => ({
    account,
    kind: 'institution-payable',
    months: monthlyStatements(account, year, lines),
  }));
}

/**
 * The tier a fund line belongs to: the fund's own for basic and critical illness; on the
 * assistance fund, the first line of its side in an event that carries assistance is the
 * assistance tier (医疗救助), any other the re-assistance tier (再救助).
 */
function tierOf(r: StatementRow, f: Record<string, string | null>): string {
  if (r.account.startsWith('fund:basic:')) return 'basic';
  if (r.account.startsWith('fund:critical-illness:')) return 'critical-illness';
  // a correction moves assistance and re-assistance on the one assistance fund: named as the fund
  if (r.event_type === 'ClaimCorrected') return 'assistance';
  const assistanceFen =
    f.settledAssistanceFen ?? f.grantedAssistanceFen ?? f.returnedAssistanceFen ?? '0';
  return r.first_of_side && BigInt(assistanceFen) > 0n ? 'assistance' : 're-assistance';
}
