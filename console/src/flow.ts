import type { Fen } from './money';

// The money flow of one region and year, derived from the postings ledger. Every event's postings
// come in transfer pairs (a debit line, then its credit line: ledger/domain/accounts.ts), so each
// pair is one movement from the debited account to the credited one. A reversal is the same pairs
// the other way round and is counted as a negative movement on the forward band, so bands show
// net money. Funds pay institutions through four tiers; a claim's postings carry no tier name, so
// the tier is read from the fund and, for the assistance fund, from the order of its payout pairs
// (assistance first, then re-assistance: claims/domain/claim-postings.ts).

export interface PostingRow {
  readonly position: number;
  readonly line: number;
  readonly eventId: string;
  readonly eventType: string;
  readonly account: string;
  readonly debitFen: Fen;
  readonly creditFen: Fen;
  readonly businessDate: string;
  readonly recordedAt: string;
}

export type NodeKey =
  | 'personal'
  | 'governmentSubsidy'
  | 'appropriation'
  | 'assistanceFund'
  | 'basicFund'
  | 'ciFund'
  | 'tierBasic'
  | 'tierCi'
  | 'tierAssistance'
  | 'tierReAssistance'
  | 'reliefToPersons'
  | `institution:${string}`;

export interface Band {
  readonly from: NodeKey;
  readonly to: NodeKey;
  amountFen: Fen;
  readonly eventIds: Set<string>;
}

interface Movement {
  readonly from: string;
  readonly to: string;
  readonly amountFen: Fen;
}

const rank = (account: string): number =>
  account.startsWith('external:')
    ? 0
    : account.startsWith('fund:assistance:')
      ? 1
      : account.startsWith('fund:basic:')
        ? 2
        : account.startsWith('fund:critical-illness:')
          ? 3
          : 4;

/** The pairs of one event, each oriented forward (source to use) with a sign. */
function movements(lines: readonly PostingRow[]): Movement[] {
  const out: Movement[] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const debit = lines[i]!;
    const credit = lines[i + 1]!;
    const amount = debit.debitFen;
    if (rank(debit.account) <= rank(credit.account))
      out.push({ from: debit.account, to: credit.account, amountFen: amount });
    else out.push({ from: credit.account, to: debit.account, amountFen: -amount });
  }
  return out;
}

function belongs(lines: readonly PostingRow[], regionCode: string, year: number): boolean {
  const yearly = lines.filter((l) => /^fund:(basic|critical-illness):/.test(l.account));
  if (yearly.length > 0) return yearly.some((l) => l.account.endsWith(`:${regionCode}:${year}`));
  // the assistance fund is not per year: its own events count in the year of their business date
  return (
    lines.some((l) => l.account === `fund:assistance:${regionCode}`) &&
    lines[0]!.businessDate.startsWith(`${year}-`)
  );
}

function sourceNode(account: string): NodeKey {
  if (account === 'external:personal') return 'personal';
  if (account === 'external:government-subsidy') return 'governmentSubsidy';
  return 'appropriation';
}

function fundNode(account: string): NodeKey {
  return account.startsWith('fund:basic:')
    ? 'basicFund'
    : account.startsWith('fund:critical-illness:')
      ? 'ciFund'
      : 'assistanceFund';
}

function payee(account: string): NodeKey {
  return account.startsWith('payable:institution:')
    ? `institution:${account.slice('payable:institution:'.length)}`
    : 'reliefToPersons';
}

/** Bands from source to fund, fund to fund (assistance subsidy, critical illness funding), fund to tier, tier to payee. */
export function moneyFlow(rows: readonly PostingRow[], regionCode: string, year: number): Band[] {
  const bands = new Map<string, Band>();
  const add = (from: NodeKey, to: NodeKey, amountFen: Fen, eventId: string) => {
    const key = `${from}>${to}`;
    const band = bands.get(key) ?? { from, to, amountFen: 0n, eventIds: new Set<string>() };
    band.amountFen += amountFen;
    band.eventIds.add(eventId);
    bands.set(key, band);
  };
  for (const lines of byEvent(rows).values()) {
    if (!belongs(lines, regionCode, year)) continue;
    let assistancePayouts = 0;
    for (const m of movements(lines)) {
      const eventId = lines[0]!.eventId;
      if (m.from.startsWith('external:'))
        add(sourceNode(m.from), fundNode(m.to), m.amountFen, eventId);
      else if (m.to.startsWith('fund:'))
        add(fundNode(m.from), fundNode(m.to), m.amountFen, eventId);
      else {
        const from = fundNode(m.from);
        const tier: NodeKey =
          from === 'basicFund'
            ? 'tierBasic'
            : from === 'ciFund'
              ? 'tierCi'
              : assistancePayouts++ === 0
                ? 'tierAssistance'
                : 'tierReAssistance';
        add(from, tier, m.amountFen, eventId);
        add(tier, payee(m.to), m.amountFen, eventId);
      }
    }
  }
  return [...bands.values()].filter((b) => b.amountFen !== 0n);
}

export function byEvent(rows: readonly PostingRow[]): Map<string, PostingRow[]> {
  const events = new Map<string, PostingRow[]>();
  for (const row of rows) {
    const lines = events.get(row.eventId) ?? [];
    lines.push(row);
    events.set(row.eventId, lines);
  }
  return events;
}

/** Each fund's balance (credits minus debits) after each business date, for the region and year. */
export function balancesByDate(
  rows: readonly PostingRow[],
  accounts: readonly string[],
): Map<string, [string, Fen][]> {
  const out = new Map<string, [string, Fen][]>();
  for (const account of accounts) {
    const deltas = new Map<string, Fen>();
    for (const r of rows)
      if (r.account === account)
        deltas.set(r.businessDate, (deltas.get(r.businessDate) ?? 0n) + r.creditFen - r.debitFen);
    let balance = 0n;
    out.set(
      account,
      [...deltas.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([date, delta]) => [date, (balance += delta)]),
    );
  }
  return out;
}
