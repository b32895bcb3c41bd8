import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { RecordedEvent } from '../src/eventstore/event-store.port.js';
import { eventSubjectSql } from '../src/eventstore/postgres/event-log.sql.js';

// institution-cost-outlier (POLICY.md): an institution whose mean inpatient total cost is more than
// 3 standard deviations above the mean of its region-and-level peers, each with 30+ claims.
// Decided here: per coverage year; the peers are the other institutions of the same region and
// level (leave-one-out, so an outlier does not widen its own yardstick), each institution's mean
// is one data point, and at least 2 peers are needed. Reversed claims leave the statistics. One
// alert per institution and year; its evidence is the institution's claims (the first 100).

export const outlierClaimsMin = 30;
export const outlierPeersMin = 2;
export const outlierDeviations = 3;
export const outlierEvidenceMax = 100;

export function outlierAlertId(institutionId: string, year: number): string {
  return `alr_${createHash('sm3').update(`${institutionId}\ninstitution-cost-outlier\n${year}`).digest('hex').slice(0, 24)}`;
}

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

interface Group { region: string; level: string; year: number }

/** Moves the inpatient statistics by this batch's settlements and reversals (one upsert); returns the peer groups touched. */
export async function updateInstitutionStats(client: pg.PoolClient, schema: string, events: readonly RecordedEvent[]): Promise<Group[]> {
  const settledHere = new Map(events.filter((e) => e.type === 'ClaimSettled').map((e) => [e.data.claimId as string, e.data as Record<string, any>]));
  const reversedIds = events.filter((e) => e.type === 'ClaimReversed').map((e) => e.data.claimId as string);
  const earlier = reversedIds.filter((id) => !settledHere.has(id));
  const settledEarlier = new Map<string, Record<string, any>>();
  if (earlier.length > 0) {
    const { rows } = await client.query(
      `SELECT data FROM events WHERE ${eventSubjectSql} = ANY($1::text[]) AND type = 'ClaimSettled'`,
      [earlier],
    );
    for (const r of rows) settledEarlier.set(r.data.claimId, r.data);
  }
  const deltas = new Map<string, { group: Group; institutionId: string; claims: number; cost: number }>();
  const add = (d: Record<string, any> | undefined, sign: number) => {
    if (!d || d.claimType !== 'inpatient') return;
    const key = `${d.regionCode}:${d.institutionLevel}:${d.coverageYear}:${d.institutionId}`;
    const delta = deltas.get(key) ?? { group: { region: d.regionCode, level: d.institutionLevel, year: d.coverageYear }, institutionId: d.institutionId, claims: 0, cost: 0 };
    delta.claims += sign;
    delta.cost += sign * d.totalCostFen;
    deltas.set(key, delta);
  };
  for (const d of settledHere.values()) add(d, 1);
  for (const id of reversedIds) add(settledHere.get(id) ?? settledEarlier.get(id), -1);
  if (deltas.size === 0) return [];
  const rows = [...deltas.values()];
  await client.query(
    `INSERT INTO ${schema}.institution_cost_stats AS s
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::int[], $6::bigint[])
     ON CONFLICT (region_code, level, year, institution_id) DO UPDATE SET claims = s.claims + EXCLUDED.claims, total_cost_fen = s.total_cost_fen + EXCLUDED.total_cost_fen`,
    [rows.map((r) => r.group.region), rows.map((r) => r.group.level), rows.map((r) => r.group.year), rows.map((r) => r.institutionId), rows.map((r) => r.claims), rows.map((r) => r.cost)],
  );
  const groups = new Map(rows.map((r) => [`${r.group.region}:${r.group.level}:${r.group.year}`, r.group]));
  return [...groups.values()];
}

/** Institutions of the group now more than 3 SD above the mean of their peers' means (numeric, exact enough for a signal). */
export async function outliersOf(client: pg.PoolClient, schema: string, group: Group): Promise<string[]> {
  const { rows } = await client.query<{ institution_id: string }>(
    `WITH eligible AS (
       SELECT institution_id, total_cost_fen::numeric / claims AS mean FROM ${schema}.institution_cost_stats
       WHERE region_code = $1 AND level = $2 AND year = $3 AND claims >= $4
     )
     SELECT e.institution_id FROM eligible e
     CROSS JOIN LATERAL (SELECT avg(p.mean) AS mu, stddev_pop(p.mean) AS sigma, count(*) AS n FROM eligible p WHERE p.institution_id <> e.institution_id) peers
     WHERE peers.n >= $5 AND e.mean > peers.mu + $6 * peers.sigma`,
    [group.region, group.level, group.year, outlierClaimsMin, outlierPeersMin, outlierDeviations],
  );
  return rows.map((r) => r.institution_id);
}
