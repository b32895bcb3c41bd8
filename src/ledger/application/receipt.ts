import type { RecordedEvent } from '../../eventstore/event-store.port.js';
import { chainHash, genesisHash } from '../../eventstore/tamper-evidence.js';
import { checkpointSignedBy, type Checkpoint } from '../domain/checkpoint.js';
import { leafHash, verifyInclusion } from '../domain/merkle-tree.js';
import type { Sm2PublicKey } from '../domain/sm2.js';

// A receipt: what a hospital or a resident keeps as proof that an event was recorded. Everything
// needed to check it offline, without the database or the service: the event exactly as stored,
// the chain hash before it (the event's own chain hash, the tree's leaf, is SM3(previous ‖ its
// canonical bytes)), the audit path to the root of a signed checkpoint, and that checkpoint.
// 回执：离线可验。

export interface Receipt {
  readonly event: Omit<RecordedEvent, 'hash'>;
  readonly previousHash: string;
  /** the event's chain hash: the Merkle tree's leaf */
  readonly hash: string;
  readonly inclusion: {
    readonly leafIndex: number;
    readonly treeSize: number;
    readonly auditPath: readonly string[];
  };
  readonly checkpoint: Checkpoint;
}

export interface ReceiptCheck {
  readonly check: 'chain-hash' | 'inclusion' | 'signature';
  readonly ok: boolean;
  readonly detail: string;
}

/** Checks a receipt against the log's public key: the first failing check names what is wrong. */
export function verifyReceipt(receipt: Receipt, publicKey: Sm2PublicKey): ReceiptCheck[] {
  const checks: ReceiptCheck[] = [];
  const { event, inclusion, checkpoint } = receipt;
  let recomputed: string;
  try {
    recomputed = chainHash(event.position === 1 ? genesisHash : receipt.previousHash, event);
  } catch (error) {
    recomputed = `(${(error as Error).message})`;
  }
  checks.push({
    check: 'chain-hash',
    ok: recomputed === receipt.hash,
    detail:
      recomputed === receipt.hash
        ? `the event at position ${event.position} hashes to ${receipt.hash}`
        : `the event as given hashes to ${recomputed}, not ${receipt.hash}: it is not the event recorded`,
  });
  const included =
    inclusion.leafIndex === event.position - 1 &&
    inclusion.treeSize === checkpoint.treeSize &&
    /^[0-9a-f]{64}$/.test(checkpoint.rootHash) &&
    inclusion.auditPath.every((h) => /^[0-9a-f]{64}$/.test(h)) &&
    verifyInclusion(
      inclusion.leafIndex,
      inclusion.treeSize,
      leafHash(receipt.hash),
      inclusion.auditPath.map((h) => Buffer.from(h, 'hex')),
      Buffer.from(checkpoint.rootHash, 'hex'),
    );
  checks.push({
    check: 'inclusion',
    ok: included,
    detail: included
      ? `leaf ${inclusion.leafIndex} is in the tree of ${checkpoint.treeSize} with root ${checkpoint.rootHash}`
      : `the audit path does not lead from leaf ${inclusion.leafIndex} to the checkpoint's root`,
  });
  const signed = checkpointSignedBy(checkpoint, publicKey);
  checks.push({
    check: 'signature',
    ok: signed,
    detail: signed
      ? `the checkpoint of size ${checkpoint.treeSize} is signed by key ${checkpoint.keyId} (SM2)`
      : 'the checkpoint is not signed by this public key',
  });
  return checks;
}
