import type pg from 'pg';
import type {
  EventStore,
  RecordedEvent,
  Subscription,
} from '../src/eventstore/event-store.port.js';
import { quoteIdent, type Projection } from './projection.js';
import { ledgerLogReader } from '../src/eventstore/ledger-log-reader.js';
import { withTransaction } from '../src/shared/transaction.js';

// Runs projections from the log: each reads from its own checkpoint and applies a batch and moves
// its checkpoint in one transaction, so a crash at any point neither loses nor repeats an event.
// The checkpoint row is locked for the transaction and events at or below the stored checkpoint
// are skipped, so two runners on one database (two service instances) never apply an event twice.

export const projectionWaitMs = 5000;

export interface ProjectionStatus {
  readonly name: string;
  readonly checkpoint: number;
}

export class ProjectionRunner {
  private subscription: Subscription | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly store: EventStore,
    private readonly projections: readonly Projection[],
    private readonly schema = 'public',
  ) {}

  /** One subscription feeds every projection, from the lowest of their checkpoints. */
  async start(): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${quoteIdent(this.schema)}.projection_checkpoints (name, position) SELECT unnest($1::text[]), 0 ON CONFLICT (name) DO NOTHING`,
      [this.projections.map((p) => p.name)],
    );
    const checkpoints = await this.status();
    const from = Math.min(
      ...checkpoints
        .filter((c) => this.projections.some((p) => p.name === c.name))
        .map((c) => c.checkpoint),
    );
    this.subscription = this.store.subscribe(from, (events) => this.applyBatch(events));
  }

  /** Resolves true once every projection has applied everything up to the position (bounded wait). */
  async waitFor(_name: string, position: number, timeoutMs = projectionWaitMs): Promise<boolean> {
    if (!this.subscription) throw new Error('projections are not running');
    return this.subscription.waitFor(position, timeoutMs);
  }

  async status(): Promise<ProjectionStatus[]> {
    const { rows } = await this.pool.query<{ name: string; position: string }>(
      `SELECT name, position::text AS position FROM ${quoteIdent(this.schema)}.projection_checkpoints ORDER BY name`,
    );
    return rows.map((r) => ({ name: r.name, checkpoint: Number(r.position) }));
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
  }

  /**
   * Applies one delivery of the log to every projection in one transaction, exactly once: the
   * checkpoint rows are locked, each projection gets only the events past its own checkpoint
   * (a rebuild or another runner may have moved it), and the checkpoints move with the rows.
   */
  async applyBatch(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const last = events[events.length - 1]!.position;
    const table = `${quoteIdent(this.schema)}.projection_checkpoints`;
    await withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ name: string; position: string }>(
        `SELECT name, position::text AS position FROM ${table} WHERE name = ANY($1::text[]) ORDER BY name FOR UPDATE`,
        [this.projections.map((p) => p.name)],
      );
      const stored = new Map(rows.map((r) => [r.name, Number(r.position)]));
      const moved: string[] = [];
      for (const projection of this.projections) {
        const checkpoint = stored.get(projection.name) ?? 0;
        if (checkpoint >= last) continue;
        const fresh = events.filter(
          (e) => e.position > checkpoint && projection.canHandle.includes(e.type),
        );
        if (fresh.length > 0)
          await projection.apply(client, this.schema, fresh, ledgerLogReader(client));
        moved.push(projection.name);
      }
      if (moved.length > 0)
        await client.query(`UPDATE ${table} SET position = $2 WHERE name = ANY($1::text[])`, [
          moved,
          last,
        ]);
    });
  }
}

export function checkpointsSchemaSql(schema: string): string {
  return `CREATE TABLE ${quoteIdent(schema)}.projection_checkpoints (name text PRIMARY KEY, position bigint NOT NULL CHECK (position >= 0));`;
}
