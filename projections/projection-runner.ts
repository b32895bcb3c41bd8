import type pg from 'pg';
import type { EventStore, RecordedEvent, Subscription } from '../src/eventstore/event-store.port.js';
import { quoteIdent, type Projection } from './projection.js';

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
  private readonly subscriptions = new Map<string, Subscription>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly store: EventStore,
    private readonly projections: readonly Projection[],
    private readonly schema = 'public',
  ) {}

  async start(): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${quoteIdent(this.schema)}.projection_checkpoints (name, position) SELECT unnest($1::text[]), 0 ON CONFLICT (name) DO NOTHING`,
      [this.projections.map((p) => p.name)],
    );
    for (const projection of this.projections) {
      const checkpoint = await this.checkpointOf(projection.name);
      this.subscriptions.set(projection.name, this.store.subscribe(checkpoint, (events) => this.applyBatch(projection, events)));
    }
  }

  /** Resolves true once the projection has applied everything up to the position (bounded wait). */
  async waitFor(name: string, position: number, timeoutMs = projectionWaitMs): Promise<boolean> {
    const subscription = this.subscriptions.get(name);
    if (!subscription) throw new Error(`projection ${name} is not running`);
    return subscription.waitFor(position, timeoutMs);
  }

  async status(): Promise<ProjectionStatus[]> {
    const { rows } = await this.pool.query<{ name: string; position: string }>(
      `SELECT name, position::text AS position FROM ${quoteIdent(this.schema)}.projection_checkpoints ORDER BY name`,
    );
    return rows.map((r) => ({ name: r.name, checkpoint: Number(r.position) }));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.subscriptions.values()].map((s) => s.close()));
    this.subscriptions.clear();
  }

  /** Applies one batch of the log (a subscription's delivery) to one projection, exactly once. */
  async applyBatch(projection: Projection, events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const last = events[events.length - 1]!.position;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ position: string }>(
        `SELECT position::text AS position FROM ${quoteIdent(this.schema)}.projection_checkpoints WHERE name = $1 FOR UPDATE`,
        [projection.name],
      );
      const stored = Number(rows[0]?.position ?? 0);
      const fresh = events.filter((e) => e.position > stored && projection.canHandle.includes(e.type));
      if (fresh.length > 0) await projection.apply(client, this.schema, fresh);
      if (last > stored) {
        await client.query(
          `INSERT INTO ${quoteIdent(this.schema)}.projection_checkpoints (name, position) VALUES ($1, $2)
           ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position`,
          [projection.name, last],
        );
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async checkpointOf(name: string): Promise<number> {
    const { rows } = await this.pool.query<{ position: string }>(
      `SELECT position::text AS position FROM ${quoteIdent(this.schema)}.projection_checkpoints WHERE name = $1`,
      [name],
    );
    return Number(rows[0]?.position ?? 0);
  }
}

export function checkpointsSchemaSql(schema: string): string {
  return `CREATE TABLE ${quoteIdent(schema)}.projection_checkpoints (name text PRIMARY KEY, position bigint NOT NULL CHECK (position >= 0));`;
}
