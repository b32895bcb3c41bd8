import { describe, expect, it } from '@jest/globals';
import {
  foldCostChanges,
  PeerStats,
  type CostChange,
  type PeerGroupKey,
} from './institution-cost-outliers.js';

// The in-memory decision of institution-cost-outlier. Grassroots peers in 370800, 2023, 30 claims
// each, averaging 100,000 / 100,500 / 99,500 fen: their mean is 100,000, their population SD
// sqrt((0 + 500² + 500²) / 3) = 408.25, so the threshold is 100,000 + 3 x 408.25 = 101,224.74.

const group: PeerGroupKey = { region: '370800', level: 'grassroots', year: 2023 };

function statsOf(means: Record<string, number>, claims = 30): PeerStats {
  const stats = new PeerStats();
  for (const [institutionId, mean] of Object.entries(means))
    stats.set(group, institutionId, { claims, totalCostFen: BigInt(mean * claims) });
  return stats;
}

let position = 0;
const change = (
  institutionId: string,
  totalCostFen: number,
  claims: 1 | -1 = 1,
  g = group,
): CostChange => {
  position += 1;
  return {
    group: g,
    institutionId,
    claims,
    totalCostFen,
    position,
    recordedAt: new Date(Date.UTC(2023, 0, 1, 0, 0, position)).toISOString(),
  };
};
const peers = { G1: 100000, G2: 100500, G3: 99500 };

describe('institution-cost-outlier, evaluated in memory', () => {
  it("is strictly more than 3 population SD above the mean of the peers' means", () => {
    expect(statsOf({ ...peers, HIGH: 300000 }).outliers(group)).toEqual(['HIGH']);
    expect(statsOf({ ...peers, NEAR: 101000 }).outliers(group)).toEqual([]);
    expect(statsOf({ ...peers, EDGE: 101225 }).outliers(group)).toEqual(['EDGE']);
    expect(statsOf({ ...peers, EDGE: 101224 }).outliers(group)).toEqual([]);
  });

  it('leaves the institution out of its own yardstick (with it, 300,000 would sit within 3 SD)', () => {
    // all four means: mean 150,000, SD 86,603; 150,000 + 3 x 86,603 > 300,000. Leave-one-out: far above.
    expect(statsOf({ ...peers, HIGH: 300000 }).outliers(group)).toContain('HIGH');
  });

  it('needs 2 peers with 30 claims each, and 30 claims of its own', () => {
    expect(statsOf({ G1: 100000, HIGH: 300000 }).outliers(group)).toEqual([]);
    const stats = statsOf(peers);
    stats.set(group, 'HIGH', { claims: 29, totalCostFen: 29n * 300000n });
    stats.set(group, 'SMALL', { claims: 29, totalCostFen: 29n * 900000n });
    expect(stats.outliers(group)).toEqual([]);
    const onePeer = statsOf({ G1: 100000, HIGH: 300000 });
    onePeer.set(group, 'G2', { claims: 29, totalCostFen: 29n * 100500n });
    expect(onePeer.outliers(group)).toEqual([]);
    onePeer.set(group, 'G2', { claims: 30, totalCostFen: 30n * 100500n });
    expect(onePeer.outliers(group)).toEqual(['HIGH']);
  });

  it('raises at the claim after which the institution is an outlier, once per institution and year', () => {
    const stats = statsOf(peers);
    stats.set(group, 'HIGH', { claims: 28, totalCostFen: 28n * 300000n });
    const changes = [
      change('HIGH', 300000),
      change('G1', 100000),
      change('HIGH', 300000),
      change('HIGH', 300000),
      change('G2', 100500),
    ];
    expect(foldCostChanges(stats, changes)).toEqual([
      {
        institutionId: 'HIGH',
        year: 2023,
        position: changes[2]!.position,
        recordedAt: changes[2]!.recordedAt,
      },
    ]);
    expect(stats.get(group, 'HIGH')).toEqual({ claims: 31, totalCostFen: 31n * 300000n });
  });

  it('takes reversed claims out of the statistics, and raises an institution that is an outlier only for a while', () => {
    const stats = statsOf(peers);
    stats.set(group, 'HIGH', { claims: 29, totalCostFen: 29n * 300000n });
    const changes = [change('HIGH', 300000), change('HIGH', 300000, -1), change('G1', 100000)];
    expect(foldCostChanges(stats, changes)).toEqual([
      expect.objectContaining({ institutionId: 'HIGH', position: changes[0]!.position }),
    ]);
    expect(stats.get(group, 'HIGH')).toEqual({ claims: 29, totalCostFen: 29n * 300000n });
    expect(stats.outliers(group)).toEqual([]);
  });

  it('keeps peer groups and years apart', () => {
    const stats = statsOf(peers);
    const otherYear = { ...group, year: 2024 };
    const otherLevel = { ...group, level: 'secondary' };
    for (let i = 0; i < 30; i += 1) stats.apply(change('HIGH', 300000, 1, otherYear));
    for (let i = 0; i < 30; i += 1) stats.apply(change('HIGH', 300000, 1, otherLevel));
    expect(stats.outliers(group)).toEqual([]);
    expect(stats.outliers(otherYear)).toEqual([]);
    expect(stats.outliers(otherLevel)).toEqual([]);
  });

  it('decides the same whether the changes are folded at once or in pieces over reloaded statistics', () => {
    const log: CostChange[] = [];
    const costs = {
      G1: 100000,
      G2: 100500,
      G3: 99500,
      G4: 101000,
      HIGH: 180000,
      LATE: 104000,
    } as Record<string, number>;
    for (let i = 0; i < 40; i += 1)
      for (const [id, mean] of Object.entries(costs))
        log.push(change(id, mean + (i % 2 === 0 ? 7 : -7)));
    // LATE (40 claims, mean 104,000) against G1..G4 and HIGH (threshold 211,900): claims of
    // 1,000,000 fen lift its mean to 203,556 after 5 and to 220,870 after 6.
    const extra = Array.from({ length: 8 }, () => change('LATE', 1000000));
    log.push(change('G4', 101007, -1), ...extra);
    const once = foldCostChanges(new PeerStats(), log);
    expect(once).toEqual([
      expect.objectContaining({ institutionId: 'HIGH' }),
      expect.objectContaining({ institutionId: 'LATE', position: extra[5]!.position }),
    ]);
    for (const size of [1, 7, 50]) {
      let stored = new Map<string, { claims: number; totalCostFen: bigint }>();
      const raised = new Map<string, unknown>();
      for (let from = 0; from < log.length; from += size) {
        const stats = new PeerStats();
        for (const [id, cost] of [...stored].reverse()) stats.set(group, id, cost); // loaded in another order
        for (const r of foldCostChanges(stats, log.slice(from, from + size)))
          if (!raised.has(r.institutionId)) raised.set(r.institutionId, r);
        stored = new Map(Object.keys(costs).map((id) => [id, stats.get(group, id)]));
      }
      expect([...raised.values()]).toEqual(once);
    }
  });

  it('keeps an institution total past 2^53 fen exact instead of stopping the projection', () => {
    const stats = new PeerStats();
    stats.set(group, 'OLD', { claims: 1, totalCostFen: BigInt(Number.MAX_SAFE_INTEGER) });
    stats.apply(change('OLD', Number.MAX_SAFE_INTEGER));
    expect(stats.get(group, 'OLD')).toEqual({
      claims: 2,
      totalCostFen: 2n * BigInt(Number.MAX_SAFE_INTEGER),
    });
  });
});
