import { readFileSync } from 'node:fs';
import type pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { ledgerLogReader } from '../eventstore/ledger-log-reader.js';
import { parseCheckpointNote, type Checkpoint } from '../ledger/domain/checkpoint.js';
import { parsePublicKeyPem } from '../ledger/domain/sm2-keys.js';
import type { Sm2PublicKey } from '../ledger/domain/sm2.js';
import { verifyCheckpoints } from '../ledger/application/checkpoint-verifier.js';
import { CheckpointStore } from '../ledger/application/checkpoint-store.js';
import { growTree } from '../ledger/application/grow-tree.js';
import { makeCheckpoint } from '../ledger/application/make-checkpoint.js';
import { MerkleStore } from '../ledger/application/merkle-store.js';
import { verifyReceipt, type Receipt } from '../ledger/application/receipt.js';
import { loadOrCreateSigningKey } from '../ledger/application/signing-key-file.js';

// The CLI side of issue 14: `ledger checkpoint`, `ledger verify --checkpoint`, and the offline
// `ledger verify-receipt` (no database, no service: the receipt and the public key only).

export class CliInputError extends Error {}

export function readPublicKey(path: string): Sm2PublicKey {
  const key = parsePublicKeyPem(readFileSync(path, 'utf8'));
  if (!key) throw new CliInputError(`${path}: not an SM2 public key PEM (SubjectPublicKeyInfo)`);
  return key;
}

/** A kept checkpoint: the JSON of GET /ledger/checkpoint, or its text/plain note. */
export function readCheckpoint(path: string): Checkpoint {
  const text = readFileSync(path, 'utf8');
  if (text.trimStart().startsWith('{')) {
    const c = JSON.parse(text) as Partial<Checkpoint>;
    if (
      typeof c.origin !== 'string' ||
      typeof c.treeSize !== 'number' ||
      typeof c.rootHash !== 'string' ||
      typeof c.keyId !== 'string' ||
      typeof c.signature !== 'string'
    )
      throw new CliInputError(
        `${path}: not a checkpoint (origin, treeSize, rootHash, keyId, signature)`,
      );
    return { signedAt: '', ...c } as Checkpoint;
  }
  const note = parseCheckpointNote(text);
  if (!note) throw new CliInputError(`${path}: neither checkpoint JSON nor a checkpoint note`);
  return note;
}

export async function checkpointCommand(pool: pg.Pool, config: AppConfig): Promise<number> {
  const tree = new MerkleStore(pool);
  const size = await growTree(ledgerLogReader(pool), tree);
  const key = loadOrCreateSigningKey(config.signingKeyFile);
  const checkpoint = await makeCheckpoint(
    tree,
    new CheckpointStore(pool),
    key,
    config.checkpointOrigin,
    size,
    'cli',
  );
  console.log(JSON.stringify(checkpoint, null, 2));
  return 0;
}

export async function verifyCheckpointCommand(
  pool: pg.Pool,
  checkpointFiles: readonly string[],
  publicKey: Sm2PublicKey,
): Promise<number> {
  const kept = checkpointFiles.map(readCheckpoint);
  const tree = new MerkleStore(pool);
  const result = await verifyCheckpoints(
    ledgerLogReader(pool),
    kept,
    publicKey,
    (from, count) => tree.leaves(from, count),
    (n) => process.stderr.write(`verify: ${n} events hashed into the tree\n`),
  );
  for (const p of result.problems)
    console.log(
      `checkpoint ${p.check.toUpperCase()} FAILED${p.treeSize !== undefined ? ` (tree size ${p.treeSize})` : ''}${p.position !== undefined ? ` at position ${p.position}` : ''}: ${p.detail}`,
    );
  if (result.ok)
    for (const c of kept)
      console.log(
        `checkpoint ok: size ${c.treeSize} root ${c.rootHash} signed; the log of ${result.eventsChecked} events (root ${result.currentRoot}) is consistent with it`,
      );
  return result.ok ? 0 : 1;
}

export function verifyReceiptCommand(receiptFile: string, publicKeyFile: string): number {
  const receipt = JSON.parse(readFileSync(receiptFile, 'utf8')) as Receipt;
  if (
    !receipt ||
    typeof receipt !== 'object' ||
    !receipt.event ||
    !receipt.inclusion ||
    !receipt.checkpoint
  )
    throw new CliInputError(`${receiptFile}: not a receipt (event, inclusion, checkpoint)`);
  const checks = verifyReceipt(receipt, readPublicKey(publicKeyFile));
  for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.check}: ${c.detail}`);
  const ok = checks.every((c) => c.ok);
  console.log(
    ok
      ? `receipt ok: event ${receipt.event.eventId} (${receipt.event.type}) is position ${receipt.event.position} of the log signed at size ${receipt.checkpoint.treeSize}`
      : 'receipt NOT verified',
  );
  return ok ? 0 : 1;
}
