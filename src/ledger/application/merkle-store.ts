import type pg from 'pg';
import {
  consistencyRanges,
  inclusionRanges,
  perfectNodesOf,
  rangeHash,
  type Hash,
  type NodeRef,
  type Subtree,
} from '../domain/merkle-tree.js';
import type { Frontier, StoredNode } from '../domain/merkle-frontier.js';

// The stored perfect subtrees of the log's Merkle tree (merkle_nodes): the tree's size, the
// frontier the follower grows it from, and any range's hash from at most log2(size) stored nodes,
// so roots and proofs at any size cost one indexed read.

type Queryable = Pick<pg.Pool, 'query'>;

export class MerkleStore {
  constructor(private readonly db: Queryable) {}

  async size(): Promise<number> {
    const { rows } = await this.db.query<{ n: string | null }>(
      'SELECT (max(index) + 1)::text AS n FROM merkle_nodes WHERE level = 0',
    );
    return Number(rows[0]?.n ?? 0);
  }

  async frontier(size: number): Promise<Frontier> {
    return { size, hashes: size === 0 ? [] : await this.nodes(perfectNodesOf({ start: 0, size })) };
  }

  /**
   * Writes the nodes in one statement (a reader never sees a leaf without the subtrees it
   * completes); a node already there (another instance grew the tree too) has the same hash.
   */
  async insert(nodes: readonly StoredNode[]): Promise<void> {
    await this.db.query(
      `INSERT INTO merkle_nodes (level, index, hash)
       SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[]) ON CONFLICT DO NOTHING`,
      [nodes.map((n) => n.level), nodes.map((n) => n.index), nodes.map((n) => n.hash)],
    );
  }

  /** the stored leaf hashes from a leaf index on (fewer when the tree is not grown that far) */
  async leaves(fromIndex: number, count: number): Promise<Hash[]> {
    const { rows } = await this.db.query<{ hash: Buffer }>(
      'SELECT hash FROM merkle_nodes WHERE level = 0 AND index >= $1 AND index < $2 ORDER BY index',
      [fromIndex, fromIndex + count],
    );
    return rows.map((r) => r.hash);
  }

  async nodes(refs: readonly NodeRef[]): Promise<Hash[]> {
    if (refs.length === 0) return [];
    const { rows } = await this.db.query<{ level: number; index: string; hash: Buffer }>(
      `SELECT level, index::text AS index, hash FROM merkle_nodes
       WHERE (level, index) IN (SELECT * FROM unnest($1::smallint[], $2::bigint[]))`,
      [refs.map((r) => r.level), refs.map((r) => r.index)],
    );
    const found = new Map(rows.map((r) => [`${r.level}/${r.index}`, r.hash]));
    return refs.map((r) => {
      const hash = found.get(`${r.level}/${r.index}`);
      if (!hash) throw new Error(`the Merkle tree has no node ${r.level}/${r.index} yet`);
      return hash;
    });
  }

  async rangeHashes(ranges: readonly Subtree[]): Promise<Hash[]> {
    const parts = ranges.map(perfectNodesOf);
    const hashes = await this.nodes(parts.flat());
    let at = 0;
    return parts.map((p) => {
      const mine = hashes.slice(at, at + p.length);
      at += p.length;
      return rangeHash(mine);
    });
  }

  async root(size: number): Promise<Hash> {
    return (await this.rangeHashes([{ start: 0, size }]))[0]!;
  }

  async inclusionProof(leafIndex: number, treeSize: number): Promise<Hash[]> {
    return this.rangeHashes(inclusionRanges(leafIndex, treeSize));
  }

  async consistencyProof(from: number, to: number): Promise<Hash[]> {
    return this.rangeHashes(consistencyRanges(from, to));
  }
}
