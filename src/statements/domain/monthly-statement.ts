// Monthly fund statements for finance (基金月报): per fund and month, income by source and expense
// by claim type and tier, with opening and closing balances. Pure: classified posting lines in,
// statements out. Balances count every posting up to the month's end (the assistance fund
// carries over from earlier years). Sums are bigint: a year of a fund can pass 2^53 fen, and a
// number would then no longer be the sum.

export interface ClassifiedLine {
  readonly account: string;
  readonly businessDate: string;
  readonly debitFen: bigint;
  readonly creditFen: bigint;
  /** e.g. income `personal`, `appropriation:lottery`; expense `claims:inpatient:basic` */
  readonly category: string;
}

export interface MonthlyStatement {
  readonly account: string;
  readonly month: string;
  readonly openingBalanceFen: bigint;
  readonly income: Readonly<Record<string, bigint>>;
  readonly incomeFen: bigint;
  readonly expense: Readonly<Record<string, bigint>>;
  readonly expenseFen: bigint;
  readonly closingBalanceFen: bigint;
}

export function monthlyStatements(
  account: string,
  year: number,
  lines: readonly ClassifiedLine[],
): MonthlyStatement[] {
  const mine = lines.filter((l) => l.account === account);
  let balance = mine
    .filter((l) => l.businessDate < `${year}-01-01`)
    .reduce((b, l) => b + l.creditFen - l.debitFen, 0n);
  const statements: MonthlyStatement[] = [];
  for (let m = 1; m <= 12; m += 1) {
    const month = `${year}-${String(m).padStart(2, '0')}`;
    const income: Record<string, bigint> = {};
    const expense: Record<string, bigint> = {};
    let incomeFen = 0n;
    let expenseFen = 0n;
    for (const l of mine) {
      if (!l.businessDate.startsWith(month)) continue;
      if (l.creditFen > 0n) {
        income[l.category] = (income[l.category] ?? 0n) + l.creditFen;
        incomeFen += l.creditFen;
      }
      if (l.debitFen > 0n) {
        expense[l.category] = (expense[l.category] ?? 0n) + l.debitFen;
        expenseFen += l.debitFen;
      }
    }
    const opening = balance;
    balance += incomeFen - expenseFen;
    statements.push({
      account,
      month,
      openingBalanceFen: opening,
      income,
      incomeFen,
      expense,
      expenseFen,
      closingBalanceFen: balance,
    });
  }
  return statements;
}

/** What a posting line on a fund is for, from its event and the account on the other side of its transfer. */
export function categorise(line: {
  eventType: string;
  counterparty: string;
  claimType: string | null;
  source: string | null;
  tier: string | null;
}): string {
  const other = line.counterparty.split(':').slice(0, 2).join(':');
  switch (line.eventType) {
    case 'ContributionPaid':
      if (other === 'external:personal') return 'personal';
      if (other === 'external:government-subsidy') return 'government-subsidy';
      if (other === 'fund:assistance') return 'assistance-subsidy';
      return 'critical-illness-funding';
    case 'AppropriationReceived':
      return `appropriation:${line.source}`;
    case 'ClaimSettled':
      return `claims:${line.claimType}:${line.tier}`;
    case 'ClaimReversed':
      return `reversal:${line.tier}`;
    case 'ReliefGranted':
      return `relief:${line.tier}`;
    case 'ClaimCorrected':
      return `correction:${line.tier}`;
    case 'EnrollmentRefunded':
      return 'refund';
    default:
      return line.eventType;
  }
}

/** What a posting line on an institution's payable is for: owed by claims and corrections, returned by recoveries, paid out. */
export function categorisePayable(eventType: string, creditFen: bigint): string {
  switch (eventType) {
    case 'ClaimSettled':
      return 'claims';
    case 'ClaimReversed':
      return 'reversal';
    case 'ClaimCorrected':
      return creditFen > 0n ? 'correction:owed' : 'correction:recovered';
    case 'InstitutionSettlementPaid':
      return 'payout';
    default:
      return eventType;
  }
}
