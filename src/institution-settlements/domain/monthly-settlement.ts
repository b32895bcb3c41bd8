import {
  fundKey,
  fundNames,
  totalOf,
  zeroShares,
  type FundName,
  type FundShares,
} from '../../claims/domain/fund-shares.js';
import type { ClaimFact, FundMovement, InstitutionFacts } from './institution-facts.js';
import { movementKey, type SettlementHistory } from './settlement-history.js';

// POLICY.md "Settlement with institutions and payouts" (月结): for an institution and a month M,
// the claims whose business date lies in M or before it and that no earlier settlement took,
// reversed or not; gross = their shares as first settled per fund, plus what corrections owe the
// institution and no settlement took yet. Recoveries (reversals' and corrections' returns not
// yet offset) are offset per fund oldest first, each in full or in part, until that fund's gross
// is used; the rest carries over. net = gross - offsets, per fund and in total, never negative.

export interface MonthlySettlementFigures {
  readonly claims: readonly ClaimFact[];
  readonly owed: readonly FundMovement[];
  readonly offsets: readonly FundMovement[];
  readonly grossFen: FundShares;
  readonly offsetsFen: FundShares;
  readonly netByFundFen: FundShares;
  readonly netFen: number;
}

/** The last day of a month `YYYY-MM`. */
export function monthEnd(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, '0')}`;
}

/** Whether the month has ended on `today` (a date in Asia/Shanghai). */
export function monthEnded(month: string, today: string): boolean {
  return today > monthEnd(month);
}

export function monthlySettlement(
  facts: InstitutionFacts,
  history: SettlementHistory,
  month: string,
): MonthlySettlementFigures {
  const last = monthEnd(month);
  const claims = facts.claims.filter(
    (c) => c.businessDate <= last && !history.takenClaims.has(c.claimId),
  );
  const owed = facts.owed.filter((o) => !history.takenOwed.has(movementKey(o)));
  const gross: Record<keyof FundShares, number> = { ...zeroShares() };
  for (const c of claims) for (const f of fundNames) gross[fundKey[f]] += c.shares[fundKey[f]];
  for (const o of owed) gross[fundKey[o.fund]] += o.amountFen;

  const left: Record<keyof FundShares, number> = { ...gross };
  const offsetsFen: Record<keyof FundShares, number> = { ...zeroShares() };
  const offsets: FundMovement[] = [];
  const open = [...facts.recoveries].sort((a, b) => a.position - b.position);
  for (const r of open) {
    const key = fundKey[r.fund];
    const remaining = r.amountFen - (history.offsetFen.get(movementKey(r)) ?? 0);
    const amountFen = Math.min(remaining, left[key]);
    if (amountFen <= 0) continue;
    offsets.push({ claimId: r.claimId, position: r.position, fund: r.fund, amountFen });
    left[key] -= amountFen;
    offsetsFen[key] += amountFen;
  }
  return {
    claims,
    owed,
    offsets,
    grossFen: gross,
    offsetsFen,
    netByFundFen: left,
    netFen: totalOf(left),
  };
}

/** What of each recovery is still to be offset (carried over), per fund. */
export function recoveriesOpen(
  facts: InstitutionFacts,
  history: SettlementHistory,
): Record<FundName, number> {
  const open: Record<FundName, number> = {
    basic: 0,
    'critical-illness': 0,
    assistance: 0,
    're-assistance': 0,
  };
  for (const r of facts.recoveries)
    open[r.fund] += r.amountFen - (history.offsetFen.get(movementKey(r)) ?? 0);
  return open;
}
