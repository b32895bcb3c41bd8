import { describe, expect, it } from '@jest/globals';
import { ChainVerifier } from '../src/ledger/application/chain-verifier.js';
import { TraceQuery } from '../src/ledger/application/trace.query.js';
import { AlertsQuery } from './alerts/alerts.query.js';
import { InstitutionHistoryQuery } from './alerts/institution-history.query.js';
import { FundsQuery } from './fund-balances/funds.query.js';
import { projectionNames, projections, retiredProjectionNames } from './index.js';
import { BudgetQuery } from './postings/budget.query.js';
import { PostingsQuery } from './postings/postings.query.js';
import { StatementsQuery } from './postings/statements.query.js';
import { sourcesOf, type QueryReads } from './query-reads.js';

// Every query declares what it reads, as data; ReadModels.ready waits for exactly that.

const queries: ReadonlyArray<{ name: string; reads: QueryReads }> = [
  AlertsQuery,
  InstitutionHistoryQuery,
  FundsQuery,
  BudgetQuery,
  PostingsQuery,
  StatementsQuery,
  TraceQuery,
  ChainVerifier,
];

describe('what each query reads (read your writes, declared as data)', () => {
  it('names only read models that exist, or the log', () => {
    const known = new Set<string>([...projections.map((p) => p.name), 'log']);
    for (const query of queries) {
      const named = [...query.reads.now, ...(query.reads.asOf ?? [])];
      expect({ query: query.name, unknown: named.filter((s) => !known.has(s)) }).toEqual({
        query: query.name,
        unknown: [],
      });
      expect(named.length).toBeGreaterThan(0);
    }
  });

  it('lists the same names as the projections themselves, none of them retired', () => {
    expect(projections.map((p) => p.name)).toEqual([...projectionNames]);
    expect(projectionNames.filter((n) => retiredProjectionNames.includes(n))).toEqual([]);
  });

  it('waits for the alerts and for claims_view behind them when listing alerts', () => {
    expect(sourcesOf(AlertsQuery.reads, undefined)).toEqual(['alerts', 'claims']);
  });

  it('reads fund balances now, and the postings up to a position when answering as of it', () => {
    expect(sourcesOf(FundsQuery.reads, undefined)).toEqual(['fund-balances']);
    expect(sourcesOf(FundsQuery.reads, 42)).toEqual(['postings']);
    expect(sourcesOf(PostingsQuery.reads, 42)).toEqual(['postings']); // no asOf declared: the same as now
  });

  it("bounds an institution's history by the log and the alerts at one position", () => {
    expect(sourcesOf(InstitutionHistoryQuery.reads, undefined)).toEqual(['log', 'alerts']);
  });
});
