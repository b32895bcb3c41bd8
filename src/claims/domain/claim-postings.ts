import { accounts, transfer, type Posting } from '../../ledger/domain/accounts.js';
import type { SettlementBreakdown } from '../../policy/domain/settle-claim.js';

// A settled claim pays each tier out of its fund to the institution (payable:institution:{id}).
// The person's own share is paid at the institution's counter and moves no fund money.
export function claimPostings(
  regionCode: string,
  coverageYear: number,
  institutionId: string,
  b: SettlementBreakdown,
): Posting[] {
  const payable = accounts.institutionPayable(institutionId);
  return [
    ...transfer(accounts.basicFund(regionCode, coverageYear), payable, b.basicFen),
    ...transfer(
      accounts.criticalIllnessFund(regionCode, coverageYear),
      payable,
      b.criticalIllnessFen,
    ),
    ...transfer(accounts.assistanceFund(regionCode), payable, b.assistanceFen),
    ...transfer(accounts.assistanceFund(regionCode), payable, b.reAssistanceFen),
  ];
}
