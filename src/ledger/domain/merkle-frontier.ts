import { nodeHash, type Hash, type NodeRef } from './merkle-tree.js';

// Growing the tree without recomputing it: the frontier is the hashes of the perfect subtrees
// that make up the tree of the current size (largest first, perfectNodesOf({0, size})). Appending
// a leaf yields the leaf node and every perfect subtree it completes, each stored once; the
// frontier keeps what the next leaf needs. 增量维护：只算新完成的子树。

export interface StoredNode extends NodeRef {
  readonly hash: Hash;
}

export interface Frontier {
  readonly size: number;
  readonly hashes: readonly Hash[];
}

export const emptyFrontier: Frontier = { size: 0, hashes: [] };

export function appendLeaves(
  frontier: Frontier,
  leafHashes: readonly Hash[],
): { frontier: Frontier; nodes: StoredNode[] } {
  const hashes = [...frontier.hashes];
  const nodes: StoredNode[] = [];
  let size = frontier.size;
  for (const leaf of leafHashes) {
    let index = size;
    let level = 0;
    let hash = leaf;
    nodes.push({ level, index, hash });
    while (index % 2 === 1) {
      hash = nodeHash(hashes.pop()!, hash);
      index = (index - 1) / 2;
      level += 1;
      nodes.push({ level, index, hash });
    }
    hashes.push(hash);
    size += 1;
  }
  return { frontier: { size, hashes }, nodes };
}
