import { createHash } from 'node:crypto';

// institution-cost-outlier (POLICY.md): an institution whose mean inpatient total cost is more than
// 3 standard deviations above the mean of its region-and-level peers, each with 30+ claims.
// Decided here: per coverage year; the peers are the other institutions of the same region and
// level (leave-one-out, so an outlier does not widen its own yardstick), each institution's mean
// is one data point (population SD), at least 2 peers are needed, and "more than" is strict.
// Reversed claims leave the statistics. One alert per institution and year.
//
// Raised at: the fold takes the settled inpatient claims and their reversals one by one in log
// order and evaluates the peer group after each one that moves an eligible institution (one with
// 30+ claims before or after it; any other change leaves every decision as it was). The alert's
// raised_position / raised_at are those of the first event after which the institution is an
// outlier, so they do not depend on where delivery batches end: a rebuild (large batches) and the
// live runner (small ones) raise the same alerts at the same positions. An institution that is an
// outlier only for a while still gets its alert. Evidence: its settled claims of that year up to
// that position, the first 100 by position.
//
// This file is the pure part: the statistics of the peer groups in memory and the decision. The
// arithmetic is in doubles (totals in fen stay below 2^53) and always sums in institution-id
// order, so the same statistics give the same decision however they were loaded.

export const outlierClaimsMin = 30;
export const outlierPeersMin = 2;
export const outlierDeviations = 3;
export const outlierEvidenceMax = 100;

export function outlierAlertId(institutionId: string, year: number): string {
  return `alr_${createHash('sm3').update(`${institutionId}\ninstitution-cost-outlier\n${year}`).digest('hex').slice(0, 24)}`;
}

export interface PeerGroupKey {
  readonly region: string;
  readonly level: string;
  readonly year: number;
}
// totals in bigint: an institution's year of claims can pass 2^53 fen (a log written before the
// 10^13 bound); a double total would stop this projection, and with it every alert read
export interface InstitutionCost {
  readonly claims: number;
  readonly totalCostFen: bigint;
}

/** A settled inpatient claim (+1) or the reversal of one (-1), at the position of that event. */
export interface CostChange {
  readonly group: PeerGroupKey;
  readonly institutionId: string;
  readonly claims: 1 | -1;
  readonly totalCostFen: number;
  readonly position: number;
  readonly recordedAt: string;
}

export interface RaisedOutlier {
  readonly institutionId: string;
  readonly year: number;
  readonly position: number;
  readonly recordedAt: string;
}

export function peerGroupKey(g: PeerGroupKey): string {
  return `${g.region}\u0000${g.level}\u0000${g.year}`;
}

/** One peer group: its institutions in id order, with parallel arrays of counts and totals. */
class PeerGroup {
  readonly ids: string[] = [];
  readonly claims: number[] = [];
  readonly totals: bigint[] = [];
  constructor(readonly key: PeerGroupKey) {}

  indexOf(institutionId: string): number {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ids[mid]! < institutionId) lo = mid + 1;
      else hi = mid;
    }
    if (this.ids[lo] !== institutionId) {
      this.ids.splice(lo, 0, institutionId);
      this.claims.splice(lo, 0, 0);
      this.totals.splice(lo, 0, 0n);
    }
    return lo;
  }

  /** The eligible institutions more than 3 SD above the mean of the other eligible institutions' means. */
  outliers(): string[] {
    const means: number[] = [];
    const eligible: number[] = [];
    for (let i = 0; i < this.ids.length; i += 1) {
      if (this.claims[i]! >= outlierClaimsMin) {
        means.push(Number(this.totals[i]!) / this.claims[i]!); // a statistic: a double is enough
        eligible.push(i);
      }
    }
    const n = means.length;
    if (n - 1 < outlierPeersMin) return [];
    // Deviations from the mean of all eligible means keep the sums small; leave-one-out from them.
    let sum = 0;
    for (const m of means) sum += m;
    const center = sum / n;
    let d1 = 0;
    let d2 = 0;
    for (const m of means) {
      d1 += m - center;
      d2 += (m - center) * (m - center);
    }
    const peers = n - 1;
    const out: string[] = [];
    for (let k = 0; k < n; k += 1) {
      const d = means[k]! - center;
      const peersMean = (d1 - d) / peers;
      const peersVariance = Math.max(0, (d2 - d * d) / peers - peersMean * peersMean);
      if (d > peersMean + outlierDeviations * Math.sqrt(peersVariance))
        out.push(this.ids[eligible[k]!]!);
    }
    return out;
  }
}

/** The statistics of the peer groups a fold works on, in memory. */
export class PeerStats {
  private readonly groups = new Map<string, PeerGroup>();

  private group(key: PeerGroupKey): PeerGroup {
    const k = peerGroupKey(key);
    let g = this.groups.get(k);
    if (!g) {
      g = new PeerGroup({ region: key.region, level: key.level, year: key.year });
      this.groups.set(k, g);
    }
    return g;
  }

  /** Sets an institution's statistics (as loaded from the table). */
  set(key: PeerGroupKey, institutionId: string, cost: InstitutionCost): void {
    const g = this.group(key);
    const i = g.indexOf(institutionId);
    g.claims[i] = cost.claims;
    g.totals[i] = cost.totalCostFen;
  }

  get(key: PeerGroupKey, institutionId: string): InstitutionCost {
    const g = this.group(key);
    const i = g.indexOf(institutionId);
    return { claims: g.claims[i]!, totalCostFen: g.totals[i]! };
  }

  /** Applies one claim or reversal; returns whether any decision of its group may have moved. */
  apply(change: CostChange): boolean {
    const g = this.group(change.group);
    const i = g.indexOf(change.institutionId);
    const before = g.claims[i]!;
    const claims = before + change.claims;
    const total = g.totals[i]! + BigInt(change.claims) * BigInt(change.totalCostFen);
    if (claims < 0 || total < 0n) {
      throw new Error(
        `institution cost statistics out of range for ${change.institutionId} at position ${change.position}: ${claims} claims, ${total} fen`,
      );
    }
    g.claims[i] = claims;
    g.totals[i] = total;
    return before >= outlierClaimsMin || claims >= outlierClaimsMin;
  }

  /** The outliers of a peer group as its statistics stand now. */
  outliers(key: PeerGroupKey): string[] {
    return this.group(key).outliers();
  }
}

/**
 * Applies the changes in order (log order) and returns, per institution and year, the first change
 * after which it is an outlier. Institutions that already were outliers before the first change
 * are returned at the first change that evaluates their group: the caller drops those whose alert
 * exists.
 */
export function foldCostChanges(stats: PeerStats, changes: readonly CostChange[]): RaisedOutlier[] {
  const raised = new Map<string, RaisedOutlier>();
  for (const change of changes) {
    if (!stats.apply(change)) continue;
    for (const institutionId of stats.outliers(change.group)) {
      const key = `${institutionId}\u0000${change.group.year}`;
      if (!raised.has(key))
        raised.set(key, {
          institutionId,
          year: change.group.year,
          position: change.position,
          recordedAt: change.recordedAt,
        });
    }
  }
  return [...raised.values()];
}
