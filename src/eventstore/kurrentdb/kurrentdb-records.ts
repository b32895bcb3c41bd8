import { createHash } from 'node:crypto';
import type { ExpectedVersion, NewEvent, RecordedEvent } from '../event-store.port.js';

// How the ledger's events sit in KurrentDB (pure mapping, no I/O):
// - every event is written to its own stream (expected revisions enforce the port's expected
//   versions: our version n is KurrentDB revision n - 1) and, in the same multi-stream append, a
//   copy to the `ledger-log` stream. ledger-log is the port's global log: an event's position is
//   its ledger-log revision + 1, so positions are gap-free and in commit order (every append
//   names ledger-log at its current revision, so appends are serialised by KurrentDB itself), and
//   readAll is a read of ledger-log.
// - the recorded envelope (position, version, recordedAt, hash, schema version, data, metadata)
//   is the event's JSON data, so nothing relies on KurrentDB's metadata encoding.
// - `ledger-event-<eventId>` (expected: no stream) makes an eventId recordable at most once;
//   `ledger-idempotency-<sha256(key)>` (expected: no stream) holds an idempotent append's response.

export const logStream = 'ledger-log';
export const eventMarkerPrefix = 'ledger-event-';
export const idempotencyPrefix = 'ledger-idempotency-';

export type RevisionState = 'any' | 'no_stream' | bigint;

/** Our expected version as a KurrentDB expected revision. */
export function expectedRevision(expected: ExpectedVersion): RevisionState {
  if (expected === 'any') return 'any';
  if (expected === 'no-stream' || expected === 0) return 'no_stream';
  return BigInt(expected - 1);
}

/** KurrentDB's current revision (or no stream) as our stream version. */
export function versionOf(revision: bigint | 'no_stream' | undefined): number {
  if (revision === undefined || revision === 'no_stream') return 0;
  return toSafeNumber(revision + 1n, 'stream version');
}

export function toSafeNumber(value: bigint, what: string): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`${what} out of range: ${value}`);
  return Number(value);
}

export function idempotencyStream(key: string): string {
  return `${idempotencyPrefix}${createHash('sha256').update(key).digest('hex')}`;
}

export function eventMarkerStream(eventId: string): string {
  return `${eventMarkerPrefix}${eventId}`;
}

/** A deterministic id for the ledger-log copy of an event (KurrentDB ids are per record). */
export function logCopyId(eventId: string): string {
  const h = createHash('sha256').update(`ledger-log\n${eventId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The envelope stored as the JSON data of both copies. */
export type Envelope = Omit<RecordedEvent, 'eventId' | 'type'> & {
  readonly eventId: string;
  readonly type: string;
};

export function toEnvelope(event: RecordedEvent): Envelope {
  return { ...event };
}

export function fromEnvelope(data: unknown): RecordedEvent {
  const e = data as Partial<Envelope>;
  if (
    typeof e !== 'object' ||
    e === null ||
    typeof e.eventId !== 'string' ||
    typeof e.type !== 'string' ||
    typeof e.streamId !== 'string' ||
    !Number.isSafeInteger(e.position) ||
    !Number.isSafeInteger(e.streamVersion) ||
    typeof e.hash !== 'string' ||
    typeof e.recordedAt !== 'string'
  ) {
    throw new Error('not a ledger event envelope');
  }
  return {
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion!,
    data: e.data!,
    metadata: e.metadata!,
    streamId: e.streamId,
    streamVersion: e.streamVersion!,
    position: e.position!,
    recordedAt: e.recordedAt,
    hash: e.hash,
  };
}

/** New events of one append, laid out with their versions and positions (hash filled in by the caller). */
export function layOut(
  streams: ReadonlyArray<{ streamId: string; fromVersion: number; events: readonly NewEvent[] }>,
  firstPosition: number,
  recordedAt: string,
): Array<Omit<RecordedEvent, 'hash'>> {
  let position = firstPosition;
  return streams.flatMap((s) =>
    s.events.map((e, i) => ({
      ...e,
      streamId: s.streamId,
      streamVersion: s.fromVersion + i + 1,
      position: position++,
      recordedAt,
    })),
  );
}
