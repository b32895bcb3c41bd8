import { poolingCity } from '../../shared/domain/pooling-region.js';

// The chart of accounts of POLICY.md. A fund's balance is its credits minus its debits. Funds
// are per pooling city (POLICY.md "Pooling regions"): a county's money is its city's fund.

export const accounts = {
  basicFund: (regionCode: string, year: number) => `fund:basic:${poolingCity(regionCode)}:${year}`,
  criticalIllnessFund: (regionCode: string, year: number) =>
    `fund:critical-illness:${poolingCity(regionCode)}:${year}`,
  /** 医疗救助基金专账: the pooling city's special account, not per year */
  assistanceFund: (regionCode: string) => `fund:assistance:${poolingCity(regionCode)}`,
  personal: 'external:personal',
  governmentSubsidy: 'external:government-subsidy',
  appropriation: 'external:appropriation',
  institutionPayable: (institutionId: string) => `payable:institution:${institutionId}`,
  /** the institution's bank account a monthly settlement is paid to (医银直联) */
  institutionBank: (institutionId: string) => `external:institution-bank:${institutionId}`,
  /** relief on application is paid to the person */
  personPayable: (personId: string) => `payable:person:${personId}`,
  /** what a person owes a fund back (re-adjudication that lowers their benefits) */
  personReceivable: (personId: string) => `receivable:person:${personId}`,
} as const;

export interface Posting {
  readonly account: string;
  readonly debitFen: number;
  readonly creditFen: number;
}

/** Money moving from one account to another: a debit line and a credit line; nothing for 0 fen. */
export function transfer(fromAccount: string, toAccount: string, amountFen: number): Posting[] {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0)
    throw new Error(`transfer amount must be non-negative integer fen: ${amountFen}`);
  if (amountFen === 0) return [];
  return [
    { account: fromAccount, debitFen: amountFen, creditFen: 0 },
    { account: toAccount, debitFen: 0, creditFen: amountFen },
  ];
}

/** The same movements the other way round: a reversal is a new posting, never an edit. */
export function reversed(postings: readonly Posting[]): Posting[] {
  return postings.map((p) => ({
    account: p.account,
    debitFen: p.creditFen,
    creditFen: p.debitFen,
  }));
}

/**
 * The postings with every per-year fund account of `fromYear` moved to `toYear`: a correction of
 * a closed year is booked in the open year (issue 14, period close).
 */
export function redated(postings: readonly Posting[], fromYear: number, toYear: number): Posting[] {
  const suffix = `:${fromYear}`;
  return postings.map((p) =>
    p.account.startsWith('fund:') && p.account.endsWith(suffix)
      ? { ...p, account: `${p.account.slice(0, -suffix.length)}:${toYear}` }
      : p,
  );
}
