import type { LogReader } from '../../eventstore/log-reader.port.js';
import { leafHash } from '../domain/merkle-tree.js';
import { appendLeaves } from '../domain/merkle-frontier.js';
import type { MerkleStore } from './merkle-store.js';

// Grows the stored tree to the log's head: reads the log through the LogReader in position order
// (as stored: the leaves are the chain hashes) and writes the subtrees each batch completes.
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
    const events = await log.storedFrom(
      frontier.size + 1,
      Math.min(growBatchEvents, head - frontier.size),
    );
    if (events.length === 0) break;
    const leaves = [];
    for (const event of events) {
      if (event.position !== frontier.size + leaves.length + 1)
        throw new Error(
          `the log has a gap before position ${event.position}: the tree stops there`,
        );
      leaves.push(leafHash(event.hash));
    }
    const grown = appendLeaves(frontier, leaves);
    await store.insert(grown.nodes);
    frontier = grown.frontier;
  }
  return frontier.size;
}
