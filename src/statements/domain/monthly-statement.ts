// Monthly fund statements for finance (基金月报): per fund and month, income by source and expense
// by claim type and tier, with opening and closing balances. Pure: classified posting lines in,
// statements out. Balances count every posting up to the month's end (the assistance fund
// carries over from earlier years).

export interface ClassifiedLine {
  readonly account: string;
  readonly businessDate: string;
  readonly debitFen: number;
  readonly creditFen: number;
  /** e.g. income `personal`, `appropriation:lottery`; expense `claims:inpatient:basic` */
  readonly category: string;
}

export interface MonthlyStatement {
  readonly account: string;
  readonly month: string;
  readonly openingBalanceFen: number;
  readonly income: Readonly<Record<string, number>>;
  readonly incomeFen: number;
  readonly expense: Readonly<Record<string, number>>;
  readonly expenseFen: number;
  readonly closingBalanceFen: number;
}

export function monthlyStatements(account: string, year: number, lines: readonly ClassifiedLine[]): MonthlyStatement[] {
  const mine = lines.filter((l) => l.account === account);
  let balance = mine.filter((l) => l.businessDate < `${year}-01-01`).reduce((b, l) => b + l.creditFen - l.debitFen, 0);
  const statements: MonthlyStatement[] = [];
  for (let m = 1; m <= 12; m += 1) {
    const month = `${year}-${String(m).padStart(2, '0')}`;
    const income: Record<string, number> = {};
    const expense: Record<string, number> = {};
    let incomeFen = 0;
    let expenseFen = 0;
    for (const l of mine) {
      if (!l.businessDate.startsWith(month)) continue;
      if (l.creditFen > 0) {
        income[l.category] = (income[l.category] ?? 0) + l.creditFen;
        incomeFen += l.creditFen;
      }
      if (l.debitFen > 0) {
        expense[l.category] = (expense[l.category] ?? 0) + l.debitFen;
        expenseFen += l.debitFen;
      }
    }
    const opening = balance;
    balance += incomeFen - expenseFen;
    statements.push({ account, month, openingBalanceFen: opening, income, incomeFen, expense, expenseFen, closingBalanceFen: balance });
  }
  return statements;
}

/** What a posting line on a fund is for, from its event and the account on the other side of its transfer. */
export function categorise(line: { eventType: string; creditFen: number; counterparty: string; claimType: string | null; source: string | null; tier: string | null }): string {
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
    case 'EnrollmentRefunded':
      return 'refund';
    default:
      return line.eventType;
  }
}
