import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type pg from 'pg';
import { appConfigToken } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { pgPoolToken } from '../../eventstore/event-store.module.js';
import { logReaderToken, type LogReader } from '../../eventstore/log-reader.port.js';
import { genesisHash } from '../../eventstore/tamper-evidence.js';
import { ReadModels } from '../../read-models/read-models.module.js';
import { invalid, missing } from '../../shared/domain/refusal.js';
import type { Checkpoint } from '../domain/checkpoint.js';
import { makeCheckpoint, type CheckpointReason } from './make-checkpoint.js';
import { noteKeyHash } from '../domain/sm2-keys.js';
import { CheckpointStore } from './checkpoint-store.js';
import { growTree } from './grow-tree.js';
import { MerkleStore } from './merkle-store.js';
import type { Receipt } from './receipt.js';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key-file.js';

// The verifiable ledger of issue 14: grows the Merkle tree beside the log (a follower polling the
// LogReader, never in the append path), signs checkpoints on a schedule and on demand, and
// answers proofs and receipts from the stored subtrees.

/**
 * How often the follower grows the tree: every 5 s, in batches of up to growBatchEvents, rather
 * than every second (issue 14: fewer, larger multi-row inserts contend less with appends). A
 * checkpoint or proof never waits for the follower: it grows the tree to its size on demand.
 */
export const followIntervalMs = 5000;

@Injectable()
export class VerifiableLedger implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('verifiable-ledger');
  private readonly tree: MerkleStore;
  private readonly checkpoints: CheckpointStore;
  readonly key: SigningKey;
  readonly origin: string;
  private growing: Promise<number> | undefined;
  private timers: NodeJS.Timeout[] = [];
  private closed = false;

  constructor(
    @Inject(pgPoolToken) pool: pg.Pool,
    @Inject(logReaderToken) private readonly log: LogReader,
    @Inject(appConfigToken) private readonly config: AppConfig,
    private readonly readModels: ReadModels,
  ) {
    this.tree = new MerkleStore(pool);
    this.checkpoints = new CheckpointStore(pool);
    const { created, ...key } = loadOrCreateSigningKey(config.signingKeyFile);
    this.key = key;
    this.origin = config.checkpointOrigin;
    this.logger.log({
      message: created
        ? 'created the checkpoint signing key file; back it up apart from the database'
        : 'checkpoints are signed with SM2',
      path: config.signingKeyFile,
      keyId: this.keyId,
      publicKeyPem: key.publicKeyPem,
    });
  }

  get keyId(): string {
    return noteKeyHash(this.origin, this.key.publicKey).toString('hex');
  }

  onApplicationBootstrap(): void {
    const follow = setInterval(() => void this.quietly(() => this.catchUp()), followIntervalMs);
    follow.unref();
    this.timers.push(follow);
    if (this.config.checkpointIntervalSeconds > 0) {
      const schedule = setInterval(
        () => void this.quietly(() => this.scheduled()),
        this.config.checkpointIntervalSeconds * 1000,
      );
      schedule.unref();
      this.timers.push(schedule);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    await this.growing?.catch(() => undefined);
  }

  private async quietly(work: () => Promise<unknown>): Promise<void> {
    if (this.closed) return;
    try {
      await work();
    } catch (error) {
      if (!this.closed)
        this.logger.warn({
          message: 'the Merkle follower failed; it retries',
          error: String(error),
        });
    }
  }

  /** Grows the tree to the log's head (one grower at a time in this process); its size. */
  catchUp(): Promise<number> {
    if (!this.growing) {
      this.growing = (async () => {
        await this.readModels.ready({ now: ['log'] });
        return growTree(this.log, this.tree);
      })().finally(() => {
        this.growing = undefined;
      });
    }
    return this.growing;
  }

  /**
   * The tree's size once grown to the head; a grower that was already running may have stopped
   * short of a size another one (a checkpoint) reached: the stored tree says.
   */
  private async grownTo(wanted: number): Promise<number> {
    const size = await this.catchUp();
    return size >= wanted ? size : Math.max(size, await this.tree.size());
  }

  private async scheduled(): Promise<void> {
    const size = await this.catchUp();
    const latest = await this.checkpoints.latest();
    if (size > 0 && (!latest || latest.treeSize < size)) await this.checkpoint('schedule', size);
  }

  /** Signs and keeps a checkpoint of the tree at `size` (the head when absent). */
  async checkpoint(reason: CheckpointReason, size?: number): Promise<Checkpoint> {
    const grown = await this.catchUp();
    const treeSize = size ?? grown;
    // a position below the head may still be committing: wait for it (about a second at most)
    for (let tries = 0, size = grown; size < treeSize; tries += 1) {
      if (tries === 50) throw new Error(`the log has no event at position ${size + 1} yet`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      size = await growTree(this.log, this.tree, treeSize);
    }
    return makeCheckpoint(this.tree, this.checkpoints, this.key, this.origin, treeSize, reason);
  }

  /** The newest checkpoint; the first is signed when none was yet. */
  async latest(): Promise<Checkpoint> {
    return (await this.checkpoints.latest()) ?? this.checkpoint('demand');
  }

  list(max: number): Promise<Checkpoint[]> {
    return this.checkpoints.list(max);
  }

  async inclusion(position: number, treeSize: number) {
    const size = await this.grownTo(treeSize);
    if (treeSize > size) throw invalid('treeSize', `must be at most the tree's size ${size}`);
    if (position > treeSize) throw invalid('position', `must be at most treeSize ${treeSize}`);
    const auditPath = await this.tree.inclusionProof(position - 1, treeSize);
    return {
      leafIndex: position - 1,
      treeSize,
      auditPath: auditPath.map((h) => h.toString('hex')),
    };
  }

  async consistency(from: number, to: number) {
    const size = await this.grownTo(to);
    if (to > size) throw invalid('to', `must be at most the tree's size ${size}`);
    if (from > to) throw invalid('from', `must be at most to (${to})`);
    const proof = await this.tree.consistencyProof(from, to);
    return { from, to, proof: proof.map((h) => h.toString('hex')) };
  }

  async root(size: number): Promise<string> {
    await this.catchUp();
    return (await this.tree.root(size)).toString('hex');
  }

  /** The receipt of a claim's settlement (its ClaimSettled event). */
  async receiptOfClaim(claimId: string): Promise<Receipt> {
    await this.readModels.ready({ now: ['log'] });
    const [settled] = await this.log.refsAbout([claimId], { types: ['ClaimSettled'], max: 1 });
    if (!settled) throw missing('not-found', `no settled claim ${claimId}`);
    return this.receipt(settled.eventId);
  }

  /** The receipt of a recorded event, against the newest checkpoint that covers it. */
  async receipt(eventId: string): Promise<Receipt> {
    await this.readModels.ready({ now: ['log'] });
    const stored = await this.log.storedEvent(eventId);
    if (!stored) throw missing('not-found', `no event ${eventId}`);
    const { hash, ...event } = stored;
    const previous =
      event.position === 1
        ? genesisHash
        : (await this.log.storedFrom(event.position - 1, 1))[0]!.hash;
    let checkpoint = await this.checkpoints.latest();
    if (!checkpoint || checkpoint.treeSize < event.position)
      checkpoint = await this.checkpoint('receipt');
    const inclusion = await this.inclusion(event.position, checkpoint.treeSize);
    return { event, previousHash: previous, hash, inclusion, checkpoint };
  }
}
