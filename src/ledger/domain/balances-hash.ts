import { sm3 } from './merkle-tree.js';

// The seal of a year's money: SM3 over every fund balance of the year, one line per fund account
// in account order, "account credits debits balance" in fen (exact integers), LF-terminated.
// Anyone with the postings up to the seal's last position can recompute it. 年度基金余额哈希。

export interface FundBalance {
  readonly account: string;
  readonly creditsFen: bigint;
  readonly debitsFen: bigint;
}

export function balancesText(balances: readonly FundBalance[]): string {
  return [...balances]
    .sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : 0))
    .map((b) => `${b.account} ${b.creditsFen} ${b.debitsFen} ${b.creditsFen - b.debitsFen}\n`)
    .join('');
}

export function balancesHash(balances: readonly FundBalance[]): string {
  return sm3(Buffer.from(balancesText(balances), 'utf8')).toString('hex');
}
