import type pg from 'pg';
import type { RecordedEvent } from '../../src/eventstore/event-store.port.js';
import type { LogReader } from '../../src/eventstore/log-reader.port.js';
import {
  peerGroupKey,
  PeerStats,
  type CostChange,
  type PeerGroupKey,
} from './institution-cost-outliers.js';

// The table of inpatient statistics per institution, peer group (region, level) and coverage year
// that the institution-cost-outlier fold carries from one batch to the next: what a batch's events
// change, loading the groups a batch touches, and writing their final values back. Each batch reads
// it once and writes it once, whatever its size.

export function institutionStatsSql(schema: string): string {
  return `
    CREATE TABLE ${schema}.institution_cost_stats (
      region_code     text    NOT NULL,
      level           text    NOT NULL,
      year            integer NOT NULL,
      institution_id  text    NOT NULL,
      claims          integer NOT NULL,
      total_cost_fen  bigint  NOT NULL,
      PRIMARY KEY (region_code, level, year, institution_id)
    );`;
}

type Settled = {
  claimId: string;
  claimType: string;
  regionCode: string;
  institutionLevel: string;
  coverageYear: number;
  institutionId: string;
  totalCostFen: number;
};

/** The batch's settled inpatient claims and reversals of inpatient claims, in log order (one lookup for claims settled before the batch). */
export async function costChangesOf(
  log: LogReader,
  events: readonly RecordedEvent[],
): Promise<CostChange[]> {
  const settledHere = new Map<string, Settled>();
  for (const e of events)
    if (e.type === 'ClaimSettled') settledHere.set(e.data.claimId as string, e.data as Settled);
  const earlier = events
    .filter((e) => e.type === 'ClaimReversed' && !settledHere.has(e.data.claimId as string))
    .map((e) => e.data.claimId as string);
  const settledEarlier = new Map<string, Settled>();
  if (earlier.length > 0) {
    // one settlement per claim: at most as many as asked for
    const settled = await log.about(earlier, { types: ['ClaimSettled'], max: earlier.length });
    for (const e of settled) settledEarlier.set(e.data.claimId as string, e.data as Settled);
  }
  const changes: CostChange[] = [];
  for (const e of events) {
    const reversal = e.type === 'ClaimReversed';
    if (!reversal && e.type !== 'ClaimSettled') continue;
    const d = reversal
      ? (settledHere.get(e.data.claimId as string) ?? settledEarlier.get(e.data.claimId as string))
      : (e.data as Settled);
    if (!d || d.claimType !== 'inpatient') continue;
    changes.push({
      group: { region: d.regionCode, level: d.institutionLevel, year: d.coverageYear },
      institutionId: d.institutionId,
      claims: reversal ? -1 : 1,
      totalCostFen: d.totalCostFen,
      position: e.position,
      recordedAt: e.recordedAt,
    });
  }
  return changes;
}

/** The stored statistics of every institution of the given peer groups (one query). */
export async function loadPeerStats(
  client: pg.PoolClient,
  schema: string,
  groups: readonly PeerGroupKey[],
): Promise<PeerStats> {
  const stats = new PeerStats();
  const { rows } = await client.query<{
    region_code: string;
    level: string;
    year: number;
    institution_id: string;
    claims: number;
    total_cost_fen: string;
  }>(
    `SELECT s.region_code, s.level, s.year, s.institution_id, s.claims, s.total_cost_fen::text
       FROM ${schema}.institution_cost_stats s
       JOIN unnest($1::text[], $2::text[], $3::int[]) AS g(region_code, level, year)
         ON s.region_code = g.region_code AND s.level = g.level AND s.year = g.year`,
    [groups.map((g) => g.region), groups.map((g) => g.level), groups.map((g) => g.year)],
  );
  for (const r of rows) {
    const totalCostFen = BigInt(r.total_cost_fen);
    stats.set({ region: r.region_code, level: r.level, year: r.year }, r.institution_id, {
      claims: r.claims,
      totalCostFen,
    });
  }
  return stats;
}

/** The peer groups the changes touch, each once. */
export function groupsOf(changes: readonly CostChange[]): PeerGroupKey[] {
  return [...new Map(changes.map((c) => [peerGroupKey(c.group), c.group])).values()];
}

/** Writes the final statistics of every institution the changes touched (one upsert that sets, not adds). */
export async function saveInstitutionStats(
  client: pg.PoolClient,
  schema: string,
  stats: PeerStats,
  changes: readonly CostChange[],
): Promise<void> {
  const touched = new Map(
    changes.map((c) => [`${peerGroupKey(c.group)}\u0000${c.institutionId}`, c]),
  );
  if (touched.size === 0) return;
  const rows = [...touched.values()].map((c) => ({
    ...c,
    final: stats.get(c.group, c.institutionId),
  }));
  await client.query(
    `INSERT INTO ${schema}.institution_cost_stats AS s
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::int[], $6::bigint[])
     ON CONFLICT (region_code, level, year, institution_id) DO UPDATE SET claims = EXCLUDED.claims, total_cost_fen = EXCLUDED.total_cost_fen`,
    [
      rows.map((r) => r.group.region),
      rows.map((r) => r.group.level),
      rows.map((r) => r.group.year),
      rows.map((r) => r.institutionId),
      rows.map((r) => r.final.claims),
      rows.map((r) => String(r.final.totalCostFen)),
    ],
  );
}
