import type { IHeaders, Message } from 'kafkajs';
import type { RecordedEvent } from '../eventstore/event-store.port.js';

// A recorded event as a Kafka message: key = stream id; value = the event as recorded (eventId,
// type, schema version, stream and version, position, recordedAt, hash, data, metadata), JSON;
// headers for tracing without parsing the value.

export const messageContentType = 'application/vnd.ledger.event+json';

export function toMessage(event: RecordedEvent, partition: number): Message {
  const headers: IHeaders = {
    'content-type': messageContentType,
    'event-id': event.eventId,
    'event-type': event.type,
    'schema-version': String(event.schemaVersion),
    position: String(event.position),
  };
  if (typeof event.metadata.correlationId === 'string')
    headers['correlation-id'] = event.metadata.correlationId;
  if (typeof event.metadata.causationId === 'string')
    headers['causation-id'] = event.metadata.causationId;
  const value: RecordedEvent = {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    position: event.position,
    recordedAt: event.recordedAt,
    hash: event.hash,
    data: event.data,
    metadata: event.metadata,
  };
  return { key: event.streamId, value: JSON.stringify(value), headers, partition };
}

export class MalformedMessageError extends Error {
  constructor(detail: string) {
    super(`not a ledger event message: ${detail}`);
    this.name = 'MalformedMessageError';
  }
}

/** The recorded event a message carries; refuses anything that is not one (never guesses). */
export function fromMessage(message: { key: Buffer | null; value: Buffer | null }): RecordedEvent {
  if (!message.value) throw new MalformedMessageError('no value');
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.value.toString('utf8'));
  } catch {
    throw new MalformedMessageError('value is not JSON');
  }
  const e = parsed as Partial<RecordedEvent>;
  const problems = [
    typeof e.eventId === 'string' ? null : 'eventId',
    typeof e.type === 'string' ? null : 'type',
    Number.isInteger(e.schemaVersion) ? null : 'schemaVersion',
    typeof e.streamId === 'string' ? null : 'streamId',
    Number.isInteger(e.streamVersion) ? null : 'streamVersion',
    Number.isSafeInteger(e.position) && (e.position ?? 0) > 0 ? null : 'position',
    typeof e.recordedAt === 'string' ? null : 'recordedAt',
    typeof e.hash === 'string' ? null : 'hash',
    typeof e.data === 'object' && e.data !== null ? null : 'data',
    typeof e.metadata === 'object' && e.metadata !== null ? null : 'metadata',
  ].filter((p): p is string => p !== null);
  if (problems.length > 0) throw new MalformedMessageError(`missing or bad ${problems.join(', ')}`);
  if (message.key && message.key.toString('utf8') !== e.streamId)
    throw new MalformedMessageError('key differs from streamId');
  return e as RecordedEvent;
}
