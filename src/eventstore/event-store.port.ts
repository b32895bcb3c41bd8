// The event store port: the one interface every adapter (PostgreSQL, EventStoreDB) implements.
// Guarantees, for every adapter:
// - An append is atomic across all the streams it names: all its events are recorded, or none.
// - Each stream append carries an expected version; a mismatch refuses the whole append
//   (WrongExpectedVersionError) and records nothing.
// - At most one event with a given eventId is ever recorded (DuplicateEventError).
// - Global positions are assigned in commit order; a reader of readAll never skips a position
//   that a later read would show below its checkpoint.
// - Recorded events are never updated or deleted.

/** `any`: no check; `no-stream`: the stream must not exist; a number: the stream's current version. */
export type ExpectedVersion = 'any' | 'no-stream' | number;

/** Stream versions start at 1 for a stream's first event; a stream that does not exist has version 0. */
export const noStreamVersion = 0;

export interface EventMetadata {
  readonly actor?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly idempotencyKey?: string;
  readonly policyId?: string;
  readonly [key: string]: unknown;
}

export interface NewEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly position: number;
  readonly recordedAt: string;
  /** hex SM3 of (previous event's hash ‖ this event's canonical bytes) */
  readonly hash: string;
}

export interface StreamAppend {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly NewEvent[];
}

/** A response recorded with the append, so a retried request gets the first answer back. */
export interface IdempotencyRecord {
  readonly key: string;
  readonly requestHash: string;
  readonly statusCode: number;
  readonly body: Readonly<Record<string, unknown>>;
}

export interface StoredResponse extends IdempotencyRecord {
  readonly position: number;
}

export interface AppendRequest {
  readonly streams: readonly StreamAppend[];
  readonly idempotency?: IdempotencyRecord;
}

export interface AppendResult {
  /** global position of the last event appended */
  readonly position: number;
  readonly events: readonly RecordedEvent[];
}

export interface ReadStreamOptions {
  /** only events at or below this global position (point-in-time reads) */
  readonly toPosition?: number;
  /** only events after this stream version (catching a cached state up) */
  readonly afterVersion?: number;
}

/** One stream of a combined read (EventStore.readStreams): its events after `afterVersion`. */
export interface StreamRead {
  readonly streamId: string;
  readonly afterVersion?: number;
}

export type SubscriptionHandler = (events: readonly RecordedEvent[]) => Promise<void>;

export interface Subscription {
  /** resolves once the handler has seen everything up to at least `position` */
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
  readonly checkpoint: number;
  close(): Promise<void>;
}

export interface EventStore {
  append(request: AppendRequest): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Several streams in one read, all as of one moment (one snapshot): events recorded in one
   * atomic append are in every answer or in none. Answers in the order asked. Optional: a store
   * without it is read stream by stream (readStreamsOf).
   */
  readStreams?(reads: readonly StreamRead[]): Promise<RecordedEvent[][]>;
  /** events with position > afterPosition, in position order, at most maxCount */
  readAll(afterPosition: number, maxCount: number): Promise<RecordedEvent[]>;
  headPosition(): Promise<number>;
  /** catch-up subscription: replays from afterPosition, then follows new events, in order, each once */
  subscribe(afterPosition: number, handler: SubscriptionHandler): Subscription;
  findResponse(idempotencyKey: string): Promise<StoredResponse | undefined>;
  close(): Promise<void>;
}

export const eventStoreToken = Symbol('EventStore');

/**
 * The streams' events in one read where the store can (one snapshot), else one read after another
 * in the order asked: a stream read later is then never older than one read before it.
 */
export async function readStreamsOf(
  store: EventStore,
  reads: readonly StreamRead[],
): Promise<RecordedEvent[][]> {
  if (store.readStreams) return store.readStreams(reads);
  const answers: RecordedEvent[][] = [];
  for (const { streamId, afterVersion } of reads)
    answers.push(await store.readStream(streamId, { afterVersion }));
  return answers;
}

export function currentVersionMatches(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return actual === noStreamVersion;
  return expected === actual;
}
