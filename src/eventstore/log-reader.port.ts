import type { RecordedEvent } from './event-store.port.js';

// The read side's one door to the log. Everything that reads the log other than to decide a write
// (EventStore.readStream) or to follow it (EventStore.subscribe) asks here: the head, the position
// as of an instant, the events about a subject, an institution's settlements, fold batches for
// rebuilds and drift checks, the chain verifier's stored events. It reads the PostgreSQL log: the
// log itself, or with KurrentDB as the log of record (EVENTSTORE_URL) its verified copy
// (log-mirror.ts); a reader that must see every acknowledged write waits for the copy first
// (ReadModels.ready with 'log').
// Guarantees, for every implementation:
// - Every answer is bounded: a count, a batch size or a position names how much it may return.
// - Events come in position order, upcast to the catalogue's current schema versions, except
//   storedFrom, which gives them exactly as stored (the chain is computed over stored bytes).
// - A read bounded by a position at or below head() answers the same whenever it runs: those
//   positions are committed and immutable.

/** An event's identity and place, for evidence lists. */
export interface EventRef {
  readonly eventId: string;
  readonly position: number;
  readonly type: string;
  /** what the event is about (event-subject.ts); '' when nothing */
  readonly subject: string;
}

export interface AboutFilter {
  /** only events of these types (all when absent) */
  readonly types?: readonly string[];
  /** only events below this position (what was known before an event) */
  readonly beforePosition?: number;
  /** only events at or below this position (point-in-time reads) */
  readonly toPosition?: number;
  readonly max: number;
}

export interface SettledFilter {
  /** only claims of this coverage year */
  readonly coverageYear?: number;
  /** only claims settled at or below this position */
  readonly toPosition: number;
  /** only claims settled after this position (paging through a large institution) */
  readonly afterPosition?: number;
  readonly max: number;
}

/** Data fields to pick, by the name to give them: each a path of plain field names. */
export type FieldPaths = Readonly<Record<string, readonly string[]>>;
/** The picked fields of one event, as text (null: absent). */
export type PickedFields = Record<string, string | null>;

export interface FoldBatchOptions {
  /** the event types folded: the rest of the log is neither sent nor parsed */
  readonly types: readonly string[];
  /** data fields left in the database, per event type (fields no fold reads) */
  readonly omit?: Readonly<Record<string, readonly string[]>>;
  /** read the next batch while the caller folds this one (over another pooled connection) */
  readonly prefetch?: boolean;
}

export interface LogReader {
  /** the last position of the log; 0 when it is empty */
  head(): Promise<number>;
  /** the last position recorded at or before the instant (RFC 3339); 0 when none */
  positionAsOf(instant: string): Promise<number>;
  /** the events about any of the subjects (claim, grant, appropriation or enrollment ids) */
  about(subjects: readonly string[], filter: AboutFilter): Promise<RecordedEvent[]>;
  /** references to the events about any of the subjects, without their data */
  refsAbout(subjects: readonly string[], filter: AboutFilter): Promise<EventRef[]>;
  /** references to the events of one stream */
  refsInStream(streamId: string, filter: AboutFilter): Promise<EventRef[]>;
  /** the claims settled at an institution (of one coverage year, when given) */
  settledAt(institutionId: string, filter: SettledFilter): Promise<RecordedEvent[]>;
  /** chosen data fields of the given events, by event id */
  fieldsOf(eventIds: readonly string[], paths: FieldPaths): Promise<Map<string, PickedFields>>;
  /** the events up to toPosition in batches (foldBatchEvents at most), for folding */
  foldBatches(toPosition: number, options: FoldBatchOptions): AsyncGenerator<RecordedEvent[]>;
  /** up to max events from the position on, as stored (not upcast): for the chain verifier */
  storedFrom(fromPosition: number, max: number): Promise<RecordedEvent[]>;
  /** up to max chain hashes from the position on, in position order: for the Merkle tree (no event data read) */
  hashesFrom(fromPosition: number, max: number): Promise<{ position: number; hash: string }[]>;
  /** the event with this id, as stored (not upcast): for receipts; undefined when none */
  storedEvent(eventId: string): Promise<RecordedEvent | undefined>;
}

export const logReaderToken = Symbol('LogReader');
