import { accounts, transfer, type Posting } from '../../ledger/domain/accounts.js';
import type { EnrollmentState } from '../../person-stream/domain/person-state.js';

// The money a paid contribution moves (double entry, POLICY.md "Funds and double entry"):
// the person's share and the assistance subsidy make up the personal contribution paid into the
// basic fund; the government subsidy (财政补助) goes into the basic fund; the critical-illness
// funding (大病保险筹资) goes from the basic fund to the critical-illness fund.
export function contributionPostings(enrollment: EnrollmentState['registered']): Posting[] {
  const { regionCode, coverageYear, contribution: c } = enrollment;
  const basic = accounts.basicFund(regionCode, coverageYear);
  return [
    ...transfer(accounts.personal, basic, c.dueFromPersonFen),
    ...transfer(accounts.assistanceFund(regionCode), basic, c.assistanceSubsidyFen),
    ...transfer(accounts.governmentSubsidy, basic, c.governmentSubsidyFen),
    ...transfer(
      basic,
      accounts.criticalIllnessFund(regionCode, coverageYear),
      c.criticalIllnessFundingFen,
    ),
  ];
}
