import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  consistencyRanges,
  inclusionRanges,
  leafHash,
  nodeHash,
  perfectNodesOf,
  rangeHash,
  rootOfLeaves,
  sm3,
  verifyConsistency,
  verifyInclusion,
  type Hash,
  type Subtree,
} from './merkle-tree.js';
import { appendLeaves, emptyFrontier } from './merkle-frontier.js';

// The tree grown leaf by leaf (what the follower stores) against RFC 9162's recursive definition,
// and every proof of trees of 1..300 leaves checked by the verifier an auditor runs offline.

const chainHashes = Array.from({ length: 300 }, (_, i) =>
  sm3(Buffer.from(`event ${i + 1}`)).toString('hex'),
);
const leaves = chainHashes.map(leafHash);
const { nodes } = appendLeaves(emptyFrontier, leaves);
const stored = new Map(nodes.map((n) => [`${n.level}/${n.index}`, n.hash]));

function hashOf(range: Subtree): Hash {
  return rangeHash(perfectNodesOf(range).map((r) => stored.get(`${r.level}/${r.index}`)!));
}
const rootAt = (size: number) => hashOf({ start: 0, size });

describe('the Merkle tree over the log (RFC 9162, SM3)', () => {
  it('hashes a leaf as SM3(0x00 ‖ chain hash) and a node as SM3(0x01 ‖ left ‖ right)', () => {
    const h = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
    expect(leafHash(h).toString('hex')).toBe(
      sm3(Buffer.concat([Buffer.of(0), Buffer.from(h, 'hex')])).toString('hex'),
    );
    // SM3("abc"), GB/T 32905 example 1
    expect(sm3(Buffer.from('abc')).toString('hex')).toBe(h);
    const [a, b] = [leaves[0]!, leaves[1]!];
    expect(nodeHash(a, b)).toEqual(sm3(Buffer.of(1), a, b));
  });

  it('stores each perfect subtree once: 2n - popcount(n) nodes for n leaves', () => {
    expect(nodes).toHaveLength(2 * 300 - 4); // 300 = 0b100101100
    expect(stored.size).toBe(nodes.length);
  });

  it('gives at every size 1..300 the root of RFC 9162 MTH, from stored subtrees only', () => {
    for (let n = 1; n <= 300; n += 1) expect(rootAt(n)).toEqual(rootOfLeaves(leaves.slice(0, n)));
    expect(rootAt(1)).toEqual(leaves[0]);
    expect(rootAt(2)).toEqual(nodeHash(leaves[0]!, leaves[1]!));
    expect(rootAt(3)).toEqual(nodeHash(nodeHash(leaves[0]!, leaves[1]!), leaves[2]!));
  });

  it('proves every leaf of every tree of 1..300 leaves, and no other leaf at that index', () => {
    let proofs = 0;
    for (let n = 1; n <= 300; n += 1) {
      const root = rootAt(n);
      for (let i = 0; i < n; i += 1) {
        const path = inclusionRanges(i, n).map(hashOf);
        expect(verifyInclusion(i, n, leaves[i]!, path, root)).toBe(true);
        proofs += 1;
      }
      const i = n - 1;
      const path = inclusionRanges(i, n).map(hashOf);
      expect(verifyInclusion(i, n, leaves[(i + 1) % 300]!, path, root)).toBe(false);
      if (n > 1) expect(verifyInclusion(0, n, leaves[0]!, path.slice(1), root)).toBe(false);
    }
    expect(proofs).toBe((300 * 301) / 2);
  });

  it('worked example: leaf 2 of a tree of 3 leaves is proven by [hash(0..1)], leaf 0 by [leaf 1, leaf 2]', () => {
    expect(inclusionRanges(2, 3)).toEqual([{ start: 0, size: 2 }]);
    expect(inclusionRanges(0, 3)).toEqual([
      { start: 1, size: 1 },
      { start: 2, size: 1 },
    ]);
    expect(consistencyRanges(2, 3)).toEqual([{ start: 2, size: 1 }]);
    expect(consistencyRanges(3, 7)).toEqual([
      { start: 2, size: 1 },
      { start: 3, size: 1 },
      { start: 0, size: 2 },
      { start: 4, size: 3 },
    ]);
  });

  it('proves every tree of 1..300 leaves consistent with each larger one, and rejects a changed old root', () => {
    const roots = [Buffer.alloc(0), ...Array.from({ length: 300 }, (_, i) => rootAt(i + 1))];
    for (let m = 1; m <= 300; m += 1)
      for (let n = m; n <= 300; n += 1) {
        const proof = consistencyRanges(m, n).map(hashOf);
        if (!verifyConsistency(m, n, roots[m]!, roots[n]!, proof))
          throw new Error(`consistency ${m} -> ${n} failed`);
        if (m < n && verifyConsistency(m, n, roots[m === 1 ? 2 : m - 1]!, roots[n]!, proof))
          throw new Error(`consistency ${m} -> ${n} accepted a wrong old root`);
      }
  });

  it('property: a tree whose first m leaves differ is never proven consistent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 299 }),
        fc.integer({ min: 2, max: 300 }),
        fc.nat(),
        (m, n, k) => {
          fc.pre(m < n);
          const forged = [...leaves];
          const at = k % m;
          forged[at] = leafHash(sm3(Buffer.from(`forged ${at}`)).toString('hex'));
          const forgedOld = rootOfLeaves(forged.slice(0, m));
          const proof = consistencyRanges(m, n).map(hashOf);
          expect(verifyConsistency(m, n, forgedOld, rootAt(n), proof)).toBe(false);
          const path = inclusionRanges(at, n).map(hashOf);
          expect(verifyInclusion(at, n, forged[at]!, path, rootAt(n))).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses proofs outside the tree', () => {
    expect(() => inclusionRanges(3, 3)).toThrow(RangeError);
    expect(() => consistencyRanges(0, 3)).toThrow(RangeError);
    expect(() => consistencyRanges(4, 3)).toThrow(RangeError);
    expect(verifyInclusion(3, 3, leaves[0]!, [], rootAt(3))).toBe(false);
    expect(verifyConsistency(4, 3, rootAt(3), rootAt(3), [])).toBe(false);
  });
});
