import { signCheckpoint, type Checkpoint } from '../domain/checkpoint.js';
import type { CheckpointStore } from './checkpoint-store.js';
import type { MerkleStore } from './merkle-store.js';
import type { SigningKey } from './signing-key-file.js';

export type CheckpointReason = 'schedule' | 'demand' | 'receipt' | 'period-close' | 'cli';

/** RFC 9162: the hash of an empty tree is the hash of the empty string (SM3 here). */
const emptyRoot = '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b';

/** Signs the root of the stored tree at `treeSize` (grown that far) and keeps the checkpoint. */
export async function makeCheckpoint(
  tree: MerkleStore,
  checkpoints: CheckpointStore,
  key: SigningKey,
  origin: string,
  treeSize: number,
  reason: CheckpointReason,
): Promise<Checkpoint> {
  const rootHash = treeSize === 0 ? emptyRoot : (await tree.root(treeSize)).toString('hex');
  const checkpoint = signCheckpoint(
    origin,
    treeSize,
    rootHash,
    new Date().toISOString(),
    key.privateKey,
    key.publicKey,
  );
  await checkpoints.add(checkpoint, reason);
  return checkpoint;
}
