import type { LogReader } from '../../eventstore/log-reader.port.js';
import { chainHash, genesisHash } from '../../eventstore/tamper-evidence.js';
import { checkpointSignedBy, type Checkpoint } from '../domain/checkpoint.js';
import { forksAmong } from '../domain/fork-evidence.js';
import { appendLeaves, emptyFrontier, type Frontier } from '../domain/merkle-frontier.js';
import { leafHash, rangeHash, type Hash } from '../domain/merkle-tree.js';
import type { Sm2PublicKey } from '../domain/sm2.js';

// `ledger verify --checkpoint kept.json`: checks checkpoints an auditor kept against the log as
// it is now, trusting nothing the operator stores but the events: the signature; the SM3 chain;
// the Merkle tree recomputed from the events, whose root at each kept size must be the kept root
// (a rewritten event, even with every later hash recomputed, or a swap changes it); the log's
// length (a truncation leaves fewer events than were signed); and two signed roots of one size
// (a fork). Each failure names its check and, where the log shows it, the position.

export type CheckName = 'signature' | 'chain' | 'truncation' | 'root' | 'fork';

export interface CheckpointProblem {
  readonly check: CheckName;
  readonly treeSize?: number;
  readonly position?: number;
  readonly detail: string;
}

export interface CheckpointVerification {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly problems: readonly CheckpointProblem[];
  /** the root of the log as it is now */
  readonly currentRoot: string | null;
}

const batch = 5000;

/** The leaf hashes the service stored (merkle_nodes level 0), to name the first leaf that changed. */
export type StoredLeaves = (fromIndex: number, count: number) => Promise<Hash[]>;

export async function verifyCheckpoints(
  log: LogReader,
  kept: readonly Checkpoint[],
  publicKey: Sm2PublicKey,
  storedLeaves?: StoredLeaves,
  onProgress?: (eventsChecked: number) => void,
): Promise<CheckpointVerification> {
  const problems: CheckpointProblem[] = [];
  for (const c of kept)
    if (!checkpointSignedBy(c, publicKey))
      problems.push({
        check: 'signature',
        treeSize: c.treeSize,
        detail: `the checkpoint of size ${c.treeSize} is not signed by this public key`,
      });
  for (const f of forksAmong(kept, publicKey))
    problems.push({
      check: 'fork',
      treeSize: f.treeSize,
      detail: `FORK: two checkpoints of size ${f.treeSize} signed by this key with different roots ${f.roots[0]} and ${f.roots[1]}`,
    });
  const sizes = [...new Set(kept.map((c) => c.treeSize))].sort((a, b) => a - b);
  const rootsAt = new Map<number, string>();
  let frontier: Frontier = emptyFrontier;
  let previous = genesisHash;
  let chainBroken = false;
  let firstChangedLeaf: number | undefined;
  const note = (size: number) => {
    if (sizes.includes(size)) rootsAt.set(size, rangeHash(frontier.hashes).toString('hex'));
  };
  for (;;) {
    const events = await log.storedFrom(frontier.size + 1, batch);
    if (events.length === 0) break;
    const leaves: Hash[] = [];
    for (const { hash, ...fields } of events) {
      const position = frontier.size + leaves.length + 1;
      if (fields.position !== position) {
        problems.push({
          check: 'chain',
          position,
          detail: `position ${position} is missing (next stored is ${fields.position})`,
        });
        chainBroken = true;
        break;
      }
      if (!chainBroken && chainHash(previous, fields) !== hash) {
        problems.push({
          check: 'chain',
          position,
          detail: `the hash of position ${position} does not match its content and predecessor`,
        });
        chainBroken = true;
      }
      previous = hash;
      leaves.push(leafHash(hash));
    }
    if (storedLeaves && firstChangedLeaf === undefined && leaves.length > 0) {
      const stored = await storedLeaves(frontier.size, leaves.length);
      const at = stored.findIndex((s, i) => !s.equals(leaves[i]!));
      if (at >= 0) firstChangedLeaf = frontier.size + at + 1;
    }
    for (const leaf of leaves) {
      frontier = appendLeaves(frontier, [leaf]).frontier;
      note(frontier.size);
    }
    onProgress?.(frontier.size);
    if (leaves.length < events.length) break;
  }
  const head = frontier.size;
  for (const c of kept) {
    if (c.treeSize > head) {
      problems.push({
        check: 'truncation',
        treeSize: c.treeSize,
        position: head + 1,
        detail: `the log has ${head} events but the checkpoint signed ${c.treeSize}: events from position ${head + 1} on are gone`,
      });
      continue;
    }
    const root = c.treeSize === 0 ? null : rootsAt.get(c.treeSize);
    if (root !== undefined && root !== null && root !== c.rootHash)
      problems.push({
        check: 'root',
        treeSize: c.treeSize,
        ...(firstChangedLeaf !== undefined && firstChangedLeaf <= c.treeSize
          ? { position: firstChangedLeaf }
          : {}),
        detail:
          `the first ${c.treeSize} events of the log hash to root ${root}, not to the signed ${c.rootHash}: ` +
          'the log was rewritten' +
          (firstChangedLeaf !== undefined && firstChangedLeaf <= c.treeSize
            ? ` (the first changed event is at position ${firstChangedLeaf})`
            : ''),
      });
  }
  return {
    ok: problems.length === 0,
    eventsChecked: head,
    problems,
    currentRoot: head === 0 ? null : rangeHash(frontier.hashes).toString('hex'),
  };
}
