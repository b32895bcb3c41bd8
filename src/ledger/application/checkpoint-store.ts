import type pg from 'pg';
import type { Checkpoint } from '../domain/checkpoint.js';

// Every signed checkpoint, append-only (ledger_checkpoints): on a schedule, on demand, for a
// receipt or a period close. Kept so that two checkpoints of one size with different roots,
// both signed, can be shown: the proof of a fork.

type Queryable = Pick<pg.Pool, 'query'>;

interface Row {
  origin: string;
  tree_size: string;
  root_hash: Buffer;
  signed_at: Date;
  key_id: string;
  signature: Buffer;
}

const columns = 'origin, tree_size::text AS tree_size, root_hash, signed_at, key_id, signature';

function toCheckpoint(r: Row): Checkpoint {
  return {
    origin: r.origin,
    treeSize: Number(r.tree_size),
    rootHash: r.root_hash.toString('hex'),
    signedAt: r.signed_at.toISOString(),
    keyId: r.key_id,
    signature: r.signature.toString('base64'),
  };
}

export class CheckpointStore {
  constructor(private readonly db: Queryable) {}

  async add(checkpoint: Checkpoint, reason: string): Promise<void> {
    await this.db.query(
      `INSERT INTO ledger_checkpoints (origin, tree_size, root_hash, signed_at, key_id, signature, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        checkpoint.origin,
        checkpoint.treeSize,
        Buffer.from(checkpoint.rootHash, 'hex'),
        checkpoint.signedAt,
        checkpoint.keyId,
        Buffer.from(checkpoint.signature, 'base64'),
        reason,
      ],
    );
  }

  async latest(): Promise<Checkpoint | undefined> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${columns} FROM ledger_checkpoints ORDER BY tree_size DESC, checkpoint_no DESC LIMIT 1`,
    );
    return rows[0] ? toCheckpoint(rows[0]) : undefined;
  }

  /** the checkpoints at most `max`, newest first */
  async list(max: number): Promise<Checkpoint[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${columns} FROM ledger_checkpoints ORDER BY checkpoint_no DESC LIMIT $1`,
      [max],
    );
    return rows.map(toCheckpoint);
  }
}
