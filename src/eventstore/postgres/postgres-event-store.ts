import { EventEmitter } from 'node:events';
import type pg from 'pg';
import type {
  AppendRequest,
  AppendResult,
  EventStore,
  ReadStreamOptions,
  RecordedEvent,
  StoredResponse,
  StreamRead,
  Subscription,
  SubscriptionHandler,
} from '../event-store.port.js';
import { CatchUpSubscription, emitterWakeSource } from '../catch-up-subscription.js';
import { validateAppendRequest } from '../validate-append-request.js';
import { continueLog, LogDivergedError } from '../log-continuity.js';
import { GroupCommitWriter } from './group-commit-writer.js';
import { closeBatchSql, eventColumns, openBatchSql } from './event-log.sql.js';
import { chainHash, genesisHash } from '../tamper-evidence.js';
import { rowToEvent, type EventRow } from './event-row.js';
import { PostgresLogReader } from './postgres-log-reader.js';
import { withTransaction } from '../../shared/transaction.js';

export type Upcast = (event: RecordedEvent) => RecordedEvent;

export interface PostgresEventStoreOptions {
  /** checks every new event against the catalogue; throws to refuse the append */
  readonly validate?: (request: AppendRequest) => void;
  /** turns stored older schema versions into the current one on read */
  readonly upcast?: Upcast;
  readonly onSubscriptionError?: (error: unknown) => void;
  /** after each group-commit batch (metrics): the appends and the events it recorded */
  readonly onBatchCommitted?: (appends: number, events: number) => void;
}

export class PostgresEventStore implements EventStore {
  private readonly appended = new EventEmitter();
  private readonly writer: GroupCommitWriter;
  private readonly subscriptions = new Set<Subscription>();
  private readonly upcast: Upcast;
  /** the read side's door to this log (log-reader.port.ts), upcasting as this store does */
  readonly reader: PostgresLogReader;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresEventStoreOptions = {},
  ) {
    this.appended.setMaxListeners(0);
    const onBatch = options.onBatchCommitted;
    this.writer = new GroupCommitWriter(pool, (head, appends, events) => {
      this.appended.emit('appended', head);
      onBatch?.(appends, events);
    });
    this.upcast = options.upcast ?? ((e) => e);
    this.reader = new PostgresLogReader(pool, this.upcast);
  }

  async append(request: AppendRequest): Promise<AppendResult> {
    validateAppendRequest(request);
    this.options.validate?.(request);
    return this.writer.submit(request);
  }

  /**
   * Copies events recorded by the store of record (KurrentDB) into this log at their positions
   * and with their hashes, under the append lock, in one transaction. Events at or below this
   * log's head were copied already (by another service instance's mirror) and must be the same
   * events; the rest must continue this log (next position, hash chained on its head). Otherwise
   * nothing is copied (LogDivergedError). Events are copied as stored: the source must not upcast.
   */
  async copyRecorded(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    // one round trip opens (openBatchSql: BEGIN, the append lock, the head), one copies and commits
    const fresh = await withTransaction(this.pool, (client) => this.copyOn(client, events), {
      end: 'by-work',
    });
    if (fresh.length > 0) this.appended.emit('appended', fresh[fresh.length - 1]!.position);
  }

  private async copyOn(
    client: pg.PoolClient,
    events: readonly RecordedEvent[],
  ): Promise<readonly RecordedEvent[]> {
    const literal = (value: string) => client.escapeLiteral(value);
    const results = (await client.query(
      openBatchSql([], [], [], literal),
    )) as unknown as pg.QueryResult[];
    const row = results[results.length - 1]!.rows[0] as {
      head_position: string | null;
      head_hash: string | null;
    };
    const head = { position: Number(row.head_position ?? 0), hash: row.head_hash ?? genesisHash };
    const copied = events.filter((e) => e.position <= head.position);
    if (copied.length > 0) {
      // the same event: its content, chained on the stored predecessor, gives the stored hash
      const { rows } = await client.query<{ position: string; hash: string }>(
        `SELECT position::text AS position, encode(hash, 'hex') AS hash FROM events WHERE position = ANY($1::bigint[])`,
        [copied.flatMap((e) => [e.position - 1, e.position])],
      );
      const stored = new Map(rows.map((r) => [Number(r.position), r.hash]));
      const other = copied.find(({ hash, ...fields }) => {
        const previous = fields.position === 1 ? genesisHash : stored.get(fields.position - 1);
        return (
          previous === undefined ||
          stored.get(fields.position) !== hash ||
          chainHash(previous, fields) !== hash
        );
      });
      if (other) throw new LogDivergedError(other.position, 'already copied as another event');
    }
    const fresh = events.filter((e) => e.position > head.position);
    continueLog(head, fresh);
    await client.query(fresh.length > 0 ? closeBatchSql(fresh, [], literal) : 'COMMIT');
    return fresh;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const params: unknown[] = [streamId];
    let bound = '';
    if (options.toPosition !== undefined) {
      params.push(options.toPosition);
      bound += ` AND position <= $${params.length}`;
    }
    if (options.afterVersion !== undefined) {
      params.push(options.afterVersion);
      bound += ` AND stream_version > $${params.length}`;
    }
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${eventColumns} FROM events WHERE stream_id = $1 ${bound} ORDER BY events.stream_version`,
      params,
    );
    return rows.map((r) => this.upcast(rowToEvent(r)));
  }

  /** One statement, so one snapshot: the streams as they stood at one moment, in one round trip. */
  async readStreams(reads: readonly StreamRead[]): Promise<RecordedEvent[][]> {
    const { rows } = await this.pool.query<EventRow & { read_index: string }>(
      `SELECT ${eventColumns}, r.read_index::text AS read_index
         FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS r(read_stream, after_version, read_index)
         JOIN events ON events.stream_id = r.read_stream AND events.stream_version > r.after_version
        ORDER BY r.read_index, events.stream_version`,
      [reads.map((r) => r.streamId), reads.map((r) => r.afterVersion ?? 0)],
    );
    const answers: RecordedEvent[][] = reads.map(() => []);
    for (const row of rows) answers[Number(row.read_index) - 1]!.push(this.upcast(rowToEvent(row)));
    return answers;
  }

  async readAll(afterPosition: number, maxCount: number): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${eventColumns} FROM events WHERE events.position > $1 ORDER BY events.position LIMIT $2`,
      [afterPosition, maxCount],
    );
    return rows.map((r) => this.upcast(rowToEvent(r)));
  }

  async headPosition(): Promise<number> {
    return this.reader.head();
  }

  subscribe(afterPosition: number, handler: SubscriptionHandler): Subscription {
    const subscription = new CatchUpSubscription(
      this,
      emitterWakeSource(this.appended),
      afterPosition,
      handler,
      this.options.onSubscriptionError,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async findResponse(idempotencyKey: string): Promise<StoredResponse | undefined> {
    const { rows } = await this.pool.query<{
      request_hash: string;
      status_code: number;
      body: Record<string, unknown>;
      position: string;
    }>(
      'SELECT request_hash, status_code, body, position::text AS position FROM idempotency_keys WHERE key = $1',
      [idempotencyKey],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      key: idempotencyKey,
      requestHash: row.request_hash,
      statusCode: row.status_code,
      body: row.body,
      position: Number(row.position),
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.subscriptions.clear();
  }
}
