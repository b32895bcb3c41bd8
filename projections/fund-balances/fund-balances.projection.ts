import type pg from 'pg';
import type { RecordedEvent } from '../../src/eventstore/event-store.port.js';
import { postingEventTypes, postingLines } from '../postings/posting-lines.js';
import { quoteIdent, type Projection } from '../projection.js';

// Fund balances: per fund account, its credits and debits. A fund's balance is credits minus
// debits (POLICY.md "Funds and double entry"); it may go negative: the ledger shows the deficit.

export function fundOf(
  account: string,
): { kind: string; regionCode: string; year: number | null } | undefined {
  const m = /^fund:(basic|critical-illness|assistance):(\d{6})(?::(\d{4}))?$/.exec(account);
  return m ? { kind: m[1]!, regionCode: m[2]!, year: m[3] ? Number(m[3]) : null } : undefined;
}

export const fundBalancesProjection: Projection = {
  name: 'fund-balances',
  canHandle: postingEventTypes,
  tables: ['fund_balances'],
  partitionable: true,
  schemaSql: (schema) => `
    CREATE TABLE ${quoteIdent(schema)}.fund_balances (
      account     text    PRIMARY KEY,
      kind        text    NOT NULL,
      region_code text    NOT NULL,
      year        integer,
      credits_fen bigint  NOT NULL,
      debits_fen  bigint  NOT NULL
    );`,
  async apply(
    client: pg.PoolClient,
    schema: string,
    events: readonly RecordedEvent[],
  ): Promise<void> {
    const totals = new Map<string, { credits: bigint; debits: bigint }>();
    for (const line of events.flatMap(postingLines)) {
      if (!fundOf(line.account)) continue;
      const t = totals.get(line.account) ?? { credits: 0n, debits: 0n };
      t.credits += BigInt(line.creditFen);
      t.debits += BigInt(line.debitFen);
      totals.set(line.account, t);
    }
    if (totals.size === 0) return;
    const accounts = [...totals.keys()].sort(); // one lock order for concurrent workers: no deadlock
    const funds = accounts.map((a) => fundOf(a)!);
    await client.query(
      `INSERT INTO ${quoteIdent(schema)}.fund_balances AS f (account, kind, region_code, year, credits_fen, debits_fen)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::bigint[], $6::bigint[])
       ON CONFLICT (account) DO UPDATE SET credits_fen = f.credits_fen + EXCLUDED.credits_fen, debits_fen = f.debits_fen + EXCLUDED.debits_fen`,
      [
        accounts,
        funds.map((f) => f.kind),
        funds.map((f) => f.regionCode),
        funds.map((f) => f.year),
        accounts.map((a) => String(totals.get(a)!.credits)),
        accounts.map((a) => String(totals.get(a)!.debits)),
      ],
    );
  },
};
