import { accounts, transfer, type Posting } from '../../ledger/domain/accounts.js';
import type { FundShares } from './fund-shares.js';

// A correction's money, per fund: `old - new` returns from the institution's payable to the fund
// (追回); where it is negative the fund owes the institution that much more.
export function correctionPostings(
  regionCode: string,
  coverageYear: number,
  institutionId: string,
  recovered: FundShares,
): Posting[] {
  const payable = accounts.institutionPayable(institutionId);
  const funds: Array<[string, number]> = [
    [accounts.basicFund(regionCode, coverageYear), recovered.basicFen],
    [accounts.criticalIllnessFund(regionCode, coverageYear), recovered.criticalIllnessFen],
    [accounts.assistanceFund(regionCode), recovered.assistanceFen],
    [accounts.assistanceFund(regionCode), recovered.reAssistanceFen],
  ];
  return funds.flatMap(([fund, amount]) =>
    amount >= 0 ? transfer(payable, fund, amount) : transfer(fund, payable, -amount),
  );
}
