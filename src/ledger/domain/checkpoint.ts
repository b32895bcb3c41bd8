import { noteKeyHash } from './sm2-keys.js';
import {
  signatureBytes,
  signatureFromBytes,
  sm2Sign,
  sm2Verify,
  type Sm2PublicKey,
} from './sm2.js';

// A signed checkpoint: the log's origin, its size and the Merkle root at that size, signed with
// SM2 (default ID 1234567812345678). What is signed is the body of a C2SP tlog-checkpoint note:
//   <origin>\n<tree size>\n<base64 root>\n
// The note adds a blank line and "— <origin> <base64(key hash ‖ r ‖ s)>". signedAt is when the
// service signed it and is NOT covered by the signature. 签名检查点。

export interface Checkpoint {
  readonly origin: string;
  readonly treeSize: number;
  /** hex */
  readonly rootHash: string;
  readonly signedAt: string;
  /** hex of the note key hash (4 bytes) */
  readonly keyId: string;
  /** base64 of r ‖ s (64 bytes) */
  readonly signature: string;
}

export function checkpointBody(origin: string, treeSize: number, rootHash: string): string {
  return `${origin}\n${treeSize}\n${Buffer.from(rootHash, 'hex').toString('base64')}\n`;
}

export function signCheckpoint(
  origin: string,
  treeSize: number,
  rootHash: string,
  signedAt: string,
  privateKey: bigint,
  publicKey: Sm2PublicKey,
): Checkpoint {
  const signature = sm2Sign(
    Buffer.from(checkpointBody(origin, treeSize, rootHash), 'utf8'),
    privateKey,
  );
  return {
    origin,
    treeSize,
    rootHash,
    signedAt,
    keyId: noteKeyHash(origin, publicKey).toString('hex'),
    signature: signatureBytes(signature).toString('base64'),
  };
}

/** Is the checkpoint signed by this key? (its body as signed, its key id, its signature) */
export function checkpointSignedBy(checkpoint: Checkpoint, publicKey: Sm2PublicKey): boolean {
  if (!/^[0-9a-f]{64}$/.test(checkpoint.rootHash) || !Number.isSafeInteger(checkpoint.treeSize))
    return false;
  if (checkpoint.keyId !== noteKeyHash(checkpoint.origin, publicKey).toString('hex')) return false;
  const signature = signatureFromBytes(Buffer.from(checkpoint.signature, 'base64'));
  if (!signature) return false;
  const body = Buffer.from(
    checkpointBody(checkpoint.origin, checkpoint.treeSize, checkpoint.rootHash),
    'utf8',
  );
  return sm2Verify(body, signature, publicKey);
}

/** The C2SP tlog-checkpoint note. */
export function checkpointNote(checkpoint: Checkpoint): string {
  const line = Buffer.concat([
    Buffer.from(checkpoint.keyId, 'hex'),
    Buffer.from(checkpoint.signature, 'base64'),
  ]).toString('base64');
  return `${checkpointBody(checkpoint.origin, checkpoint.treeSize, checkpoint.rootHash)}\n— ${checkpoint.origin} ${line}\n`;
}

/** Reads a note back (its first signature line); undefined when it is not one. signedAt is unknown: ''. */
export function parseCheckpointNote(text: string): Checkpoint | undefined {
  const match =
    /^([^\n]+)\n(\d{1,16})\n([A-Za-z0-9+/=]{44})\n\n\u2014 (\S+) ([A-Za-z0-9+/=]+)\n/.exec(text);
  if (!match) return undefined;
  const [, origin, size, root, name, sig] = match;
  if (name !== origin) return undefined;
  const signed = Buffer.from(sig!, 'base64');
  if (signed.length !== 68) return undefined;
  return {
    origin: origin!,
    treeSize: Number(size),
    rootHash: Buffer.from(root!, 'base64').toString('hex'),
    signedAt: '',
    keyId: signed.subarray(0, 4).toString('hex'),
    signature: signed.subarray(4).toString('base64'),
  };
}
