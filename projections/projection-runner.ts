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
   * The transaction opens with the lock in one round trip and moves the checkpoints with its
   * commit in another (multi-statement simple queries, literals escaped by the client): two
   * round trips fewer per delivery than BEGIN, lock, ..., move, COMMIT one by one.
   */
  async applyBatch(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const last = events[events.length - 1]!.position;
    const table = `${quoteIdent(this.schema)}.projection_checkpoints`;
    await withTransaction(
      this.pool,
      async (client) => {
        const names = textArray(
          client,
          this.projections.map((p) => p.name),
        );
        const opened = (await client.query(
          `BEGIN; SELECT name, position::text AS position FROM ${table} WHERE name = ANY(${names}) ORDER BY name FOR UPDATE`,
        )) as unknown as pg.QueryResult<{ name: string; position: string }>[];
        const stored = new Map(opened[1]!.rows.map((r) => [r.name, Number(r.position)]));
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
        await client.query(
          moved.length > 0
            ? `UPDATE ${table} SET position = ${positionLiteral(last)} WHERE name = ANY(${textArray(client, moved)}); COMMIT`
            : 'COMMIT',
        );
      },
      { end: 'by-work' },
    );
  }
}

/** A text[] literal of escaped strings, for a multi-statement simple query (no parameters there). */
function textArray(client: pg.ClientBase, values: readonly string[]): string {
  return `ARRAY[${values.map((v) => client.escapeLiteral(v)).join(', ')}]::text[]`;
}

function positionLiteral(position: number): string {
  if (!Number.isSafeInteger(position) || position < 0)
    throw new Error(`not a log position: ${position}`);
  return `${position}::bigint`;
}

export function checkpointsSchemaSql(schema: string): string {
  return `CREATE TABLE ${quoteIdent(schema)}.projection_checkpoints (name text PRIMARY KEY, position bigint NOT NULL CHECK (position >= 0));`;
}
