import { Inject, Injectable } from '@nestjs/common';
import { accounts } from '../../src/ledger/domain/accounts.js';
import { policyCatalogueToken } from '../../src/policy/policy.module.js';
import { findPolicy, type Catalogue } from '../../src/policy/domain/catalogue.js';
import { ReadModels } from '../../src/read-models/read-models.module.js';
import { refuse } from '../../src/shared/domain/refusal.js';
import { fundBudget, type Scenario } from '../../src/budget/domain/budget.js';
import type { QueryReads } from '../query-reads.js';

/** GET /budget: each fund's postings by business date (from the postings projection) through the budget formulas. */
@Injectable()
export class BudgetQuery {
  static readonly reads: QueryReads = { now: ['postings'] };

  constructor(
    private readonly readModels: ReadModels,
    @Inject(policyCatalogueToken) private readonly catalogue: Catalogue,
  ) {}

  /** `asOfPosition`: only the postings of events recorded at or below it (asOfDate bounds business dates). */
  async budget(
    regionCode: string,
    year: number,
    asOfDate: string,
    scenario: Scenario,
    asOfPosition?: number,
  ): Promise<Record<string, unknown>> {
    const policy = findPolicy(this.catalogue, regionCode, year);
    if (!policy) throw refuse('no-policy', `no policy for region ${regionCode} and year ${year}`);
    await this.readModels.ready(BudgetQuery.reads, asOfPosition);
    const funds = [
      { account: accounts.basicFund(regionCode, year), kind: 'basic' },
      { account: accounts.criticalIllnessFund(regionCode, year), kind: 'critical-illness' },
      { account: accounts.assistanceFund(regionCode), kind: 'assistance' },
    ];
    const { rows } = await this.readModels.pool.query<{
      account: string;
      income: string;
      expense: string;
      balance: string;
    }>(
      `SELECT a.account,
              coalesce(sum(p.credit_fen) FILTER (WHERE p.business_date >= $2), 0)::text AS income,
              coalesce(sum(p.debit_fen) FILTER (WHERE p.business_date >= $2), 0)::text AS expense,
              coalesce(sum(p.credit_fen - p.debit_fen), 0)::text AS balance
       FROM unnest($1::text[]) AS a(account)
       LEFT JOIN ledger_postings p ON p.account = a.account AND p.business_date <= $3 AND ($4::bigint IS NULL OR p.position <= $4::bigint)
       GROUP BY a.account`,
      [funds.map((f) => f.account), `${year}-01-01`, asOfDate, asOfPosition ?? null],
    );
    const byAccount = new Map(rows.map((r) => [r.account, r]));
    return {
      regionCode,
      year,
      asOfDate,
      funds: funds.map(({ account, kind }) => {
        const r = byAccount.get(account)!;
        const totals = {
          incomeToDateFen: BigInt(r.income),
          expenseToDateFen: BigInt(r.expense),
          balanceFen: BigInt(r.balance),
        };
        return { account, kind, ...fundBudget(totals, asOfDate, policy.reserve, scenario) };
      }),
      assumptions: {
        method: 'run-rate',
        policyId: policy.policyId,
        reserve: policy.reserve,
        ...scenario,
      },
    };
  }
}
