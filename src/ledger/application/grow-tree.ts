import type { LogReader } from '../../eventstore/log-reader.port.js';
import { leafHash } from '../domain/merkle-tree.js';
import { appendLeaves } from '../domain/merkle-frontier.js';
import type { MerkleStore } from './merkle-store.js';

// Grows the stored tree to the log's head: reads the log through the LogReader in position order
// (only the chain hashes, which are the leaves: no event data is read) and writes the subtrees each batch completes.
// Beside the append path, never in it: appends do not wait for the tree.

export const growBatchEvents = 5000;

/** Grows the tree up to `toPosition` (the head when absent); returns the tree's size. */
export async function growTree(
  log: LogReader,
  store: MerkleStore,
  toPosition?: number,
): Promise<number> {
  let frontier = await store.frontier(await store.size());
  const head = toPosition ?? (await log.head());
  while (frontier.size < head) {
    const events = await log.hashesFrom(
      frontier.size + 1,
      Math.min(growBatchEvents, head - frontier.size),
    );
    if (events.length === 0) break;
    const leaves = [];
    for (const event of events) {
      // a position not yet visible (an append still committing) or missing: grow up to it, and
      // again from it next time (a missing event stops the tree there; `ledger verify` names it)
      if (event.position !== frontier.size + leaves.length + 1) break;
      leaves.push(leafHash(event.hash));
    }
    if (leaves.length === 0) break;
    const grown = appendLeaves(frontier, leaves);
    await store.insert(grown.nodes);
    frontier = grown.frontier;
  }
  return frontier.size;
}
