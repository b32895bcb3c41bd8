import { accounts, transfer, type Posting } from '../../ledger/domain/accounts.js';
import type { SettlementBreakdown } from '../../policy/domain/settle-claim.js';

// The money of a re-adjudication (重新结算), POLICY.md: per fund, the total difference (new -
// old) of the year's items; a positive one is owed to the person (fund -> payable:person, the
// person paid the hospital that share), a negative one is recovered from the person
// (receivable:person -> fund). Nothing moves for the institution.

export interface ItemDifference {
  readonly regionCode: string;
  readonly before: Omit<SettlementBreakdown, 'personalFen'>;
  readonly after: Omit<SettlementBreakdown, 'personalFen'>;
}

export interface ReadjudicationMoney {
  readonly postings: Posting[];
  /** the sum of the funds' positive totals */
  readonly owedToPersonFen: number;
  /** the sum of the funds' negative totals, as a positive amount */
  readonly owedByPersonFen: number;
}

/** The total difference per fund account (in first-seen order), then one transfer per fund. */
export function readjudicationMoney(
  personId: string,
  coverageYear: number,
  items: readonly ItemDifference[],
): ReadjudicationMoney {
  const perFund = new Map<string, number>();
  const add = (account: string, fen: number) =>
    perFund.set(account, (perFund.get(account) ?? 0) + fen);
  for (const { regionCode, before, after } of items) {
    add(accounts.basicFund(regionCode, coverageYear), after.basicFen - before.basicFen);
    add(
      accounts.criticalIllnessFund(regionCode, coverageYear),
      after.criticalIllnessFen - before.criticalIllnessFen,
    );
    add(
      accounts.assistanceFund(regionCode),
      after.assistanceFen - before.assistanceFen + after.reAssistanceFen - before.reAssistanceFen,
    );
  }
  const postings: Posting[] = [];
  let owedToPersonFen = 0;
  let owedByPersonFen = 0;
  for (const [fund, fen] of perFund) {
    if (fen > 0) {
      postings.push(...transfer(fund, accounts.personPayable(personId), fen));
      owedToPersonFen += fen;
    } else if (fen < 0) {
      postings.push(...transfer(accounts.personReceivable(personId), fund, -fen));
      owedByPersonFen += -fen;
    }
  }
  return { postings, owedToPersonFen, owedByPersonFen };
}
