import type pg from 'pg';

// The ledger's arithmetic, checked from the postings projection: all debits equal all credits,
// and every fund balance equals the sum of its postings.

export interface LedgerBalanceCheck {
  readonly ok: boolean;
  readonly debitsFen: string;
  readonly creditsFen: string;
  readonly fundMismatches: ReadonlyArray<{
    readonly account: string;
    readonly balanceFen: string;
    readonly postingsFen: string;
  }>;
}

export async function checkLedgerBalance(pool: pg.Pool): Promise<LedgerBalanceCheck> {
  const totals = await pool.query<{ debits: string; credits: string }>(
    'SELECT coalesce(sum(debit_fen), 0)::text AS debits, coalesce(sum(credit_fen), 0)::text AS credits FROM ledger_postings',
  );
  const mismatches = await pool.query<{ account: string; balance: string; postings: string }>(`
    SELECT coalesce(f.account, p.account) AS account,
           coalesce(f.credits_fen - f.debits_fen, 0)::text AS balance,
           coalesce(p.net, 0)::text AS postings
    FROM fund_balances f
    FULL JOIN (SELECT account, sum(credit_fen) - sum(debit_fen) AS net FROM ledger_postings WHERE account LIKE 'fund:%' GROUP BY account) p
      ON p.account = f.account
    WHERE coalesce(f.credits_fen - f.debits_fen, 0) <> coalesce(p.net, 0)
    ORDER BY 1`);
  const { debits, credits } = totals.rows[0]!;
  return {
    ok: debits === credits && mismatches.rows.length === 0,
    debitsFen: debits,
    creditsFen: credits,
    fundMismatches: mismatches.rows.map((r) => ({
      account: r.account,
      balanceFen: r.balance,
      postingsFen: r.postings,
    })),
  };
}
