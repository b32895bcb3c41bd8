import { checkpointSignedBy, type Checkpoint } from './checkpoint.js';
import type { Sm2PublicKey } from './sm2.js';

// A fork: the log's key signed two different trees of one size. The two checkpoints together are
// the proof, whoever shows them: an append-only log has one root per size. 分叉证据。

export interface Fork {
  readonly treeSize: number;
  readonly roots: readonly [string, string];
}

export function forksAmong(checkpoints: readonly Checkpoint[], publicKey: Sm2PublicKey): Fork[] {
  const signed = checkpoints.filter((c) => checkpointSignedBy(c, publicKey));
  const bySize = new Map<string, Checkpoint>();
  const forks: Fork[] = [];
  for (const c of signed) {
    const key = `${c.origin}\n${c.treeSize}`;
    const other = bySize.get(key);
    if (!other) bySize.set(key, c);
    else if (other.rootHash !== c.rootHash && !forks.some((f) => f.treeSize === c.treeSize))
      forks.push({ treeSize: c.treeSize, roots: [other.rootHash, c.rootHash] });
  }
  return forks;
}
