import type pg from 'pg';
import {
  currentVersionMatches,
  type AppendRequest,
  type AppendResult,
  type RecordedEvent,
} from '../event-store.port.js';
import {
  DuplicateEventError,
  IdempotencyKeyTakenError,
  WrongExpectedVersionError,
} from '../event-store.errors.js';
import { chainHash, genesisHash } from '../tamper-evidence.js';
import { appendLockKey, insertBatchSql, readAppendStateSql } from './event-log.sql.js';

// Group commit (the write path of EventStoreDB and TigerBeetle): concurrent appends queue up and
// are committed together in one transaction, each still checked against its own expected
// version. One batch is in flight at a time per process; across processes a transaction-scoped
// advisory lock serialises batches, so positions are gap-free and become visible in order, and
// each event's hash can chain on its predecessor.

export const batchEventsMax = 2000;

interface Pending {
  readonly request: AppendRequest;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

interface AppendState {
  headPosition: number;
  headHash: string;
  versions: Map<string, number>;
  eventIds: Set<string>;
  keys: Set<string>;
}

export class GroupCommitWriter {
  private readonly queue: Pending[] = [];
  private running = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly onCommitted: (headPosition: number) => void,
  ) {}

  submit(request: AppendRequest): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) await this.commit(this.takeBatch());
    } finally {
      this.running = false;
    }
  }

  private takeBatch(): Pending[] {
    let events = 0;
    let count = 0;
    while (count < this.queue.length) {
      const size = countEvents(this.queue[count]!.request);
      if (count > 0 && events + size > batchEventsMax) break;
      events += size;
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  private async commit(batch: Pending[]): Promise<void> {
    const client = await this.pool.connect();
    const outcomes: Array<AppendResult | Error> = [];
    try {
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${appendLockKey})`);
      const state = await readState(client, batch);
      const rows: RecordedEvent[] = [];
      const responses: Array<{ key: string; requestHash: string; statusCode: number; body: string; position: number }> = [];
      const recordedAt = new Date().toISOString();
      for (const pending of batch) {
        const refusal = checkRequest(pending.request, state);
        if (refusal) {
          outcomes.push(refusal);
          continue;
        }
        const recorded = recordRequest(pending.request, state, recordedAt);
        rows.push(...recorded);
        const idem = pending.request.idempotency;
        if (idem) {
          responses.push({ ...idem, body: JSON.stringify(idem.body), position: state.headPosition });
        }
        outcomes.push({ position: state.headPosition, events: recorded });
      }
      if (rows.length > 0) await client.query(insertBatchSql, insertParameters(rows, responses, state.headPosition));
      await client.query('COMMIT');
      if (rows.length > 0) this.onCommitted(state.headPosition);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
      for (const pending of batch) pending.reject(error);
      return;
    }
    client.release();
    batch.forEach((pending, i) => {
      const outcome = outcomes[i]!;
      if (outcome instanceof Error) pending.reject(outcome);
      else pending.resolve(outcome);
    });
  }
}

function countEvents(request: AppendRequest): number {
  return request.streams.reduce((n, s) => n + s.events.length, 0);
}

async function readState(client: pg.PoolClient, batch: Pending[]): Promise<AppendState> {
  const streamIds = new Set<string>();
  const eventIds: string[] = [];
  const keys: string[] = [];
  for (const { request } of batch) {
    for (const s of request.streams) {
      streamIds.add(s.streamId);
      for (const e of s.events) eventIds.push(e.eventId);
    }
    if (request.idempotency) keys.push(request.idempotency.key);
  }
  const { rows } = await client.query(readAppendStateSql, [[...streamIds], eventIds, keys]);
  const row = rows[0] as { head_position: string | null; head_hash: string | null; versions: Array<[string, number | null]>; existing: string[]; taken: string[] };
  return {
    headPosition: row.head_position === null ? 0 : Number(row.head_position),
    headHash: row.head_hash ?? genesisHash,
    versions: new Map(row.versions.map(([id, v]) => [id, v ?? 0])),
    eventIds: new Set(row.existing),
    keys: new Set(row.taken),
  };
}

function checkRequest(request: AppendRequest, state: AppendState): Error | undefined {
  if (request.idempotency && state.keys.has(request.idempotency.key)) {
    return new IdempotencyKeyTakenError(request.idempotency.key);
  }
  for (const s of request.streams) {
    const actual = state.versions.get(s.streamId) ?? 0;
    if (!currentVersionMatches(s.expectedVersion, actual)) {
      return new WrongExpectedVersionError(s.streamId, s.expectedVersion, actual);
    }
  }
  const duplicates = request.streams.flatMap((s) => s.events.map((e) => e.eventId)).filter((id) => state.eventIds.has(id));
  return duplicates.length > 0 ? new DuplicateEventError(duplicates) : undefined;
}

/** Assigns positions, versions and hashes, and advances the batch state past this request. */
function recordRequest(request: AppendRequest, state: AppendState, recordedAt: string): RecordedEvent[] {
  const recorded: RecordedEvent[] = [];
  for (const s of request.streams) {
    let version = state.versions.get(s.streamId) ?? 0;
    for (const e of s.events) {
      version += 1;
      state.headPosition += 1;
      const fields = {
        eventId: e.eventId,
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        metadata: e.metadata,
        streamId: s.streamId,
        streamVersion: version,
        position: state.headPosition,
        recordedAt,
      };
      state.headHash = chainHash(state.headHash, fields);
      recorded.push({ ...fields, hash: state.headHash });
      state.eventIds.add(e.eventId);
    }
    state.versions.set(s.streamId, version);
  }
  if (request.idempotency) state.keys.add(request.idempotency.key);
  return recorded;
}

function insertParameters(
  rows: RecordedEvent[],
  responses: Array<{ key: string; requestHash: string; statusCode: number; body: string; position: number }>,
  headPosition: number,
): unknown[] {
  return [
    rows.map((r) => r.position),
    rows.map((r) => r.streamId),
    rows.map((r) => r.streamVersion),
    rows.map((r) => r.eventId),
    rows.map((r) => r.type),
    rows.map((r) => r.schemaVersion),
    rows.map((r) => JSON.stringify(r.data)),
    rows.map((r) => JSON.stringify(r.metadata)),
    rows[0]!.recordedAt,
    rows.map((r) => r.hash),
    responses.map((r) => r.key),
    responses.map((r) => r.requestHash),
    responses.map((r) => r.statusCode),
    responses.map((r) => r.body),
    responses.map((r) => r.position),
    String(headPosition),
  ];
}
