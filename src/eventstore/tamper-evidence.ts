import { createHash } from 'node:crypto';
import type { RecordedEvent } from './event-store.port.js';

// Tamper evidence: every event's hash is SM3 (GB/T 32905, 国密 SM3) over the previous event's
// hash followed by this event's canonical bytes. Editing, deleting or swapping any stored event
// breaks the chain from that position on.

export const hashAlgorithm = 'sm3';
export const genesisHash = '0'.repeat(64);

/** JSON with object keys sorted at every level and no white space: the same value, the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new Error('canonical JSON has no representation for a non-finite number');
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export type HashedFields = Omit<RecordedEvent, 'hash'>;

export function canonicalEventBytes(event: HashedFields): Buffer {
  return Buffer.from(
    canonicalJson({
      position: event.position,
      streamId: event.streamId,
      streamVersion: event.streamVersion,
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      recordedAt: event.recordedAt,
      data: event.data,
      metadata: event.metadata,
    }),
    'utf8',
  );
}

export function chainHash(previousHashHex: string, event: HashedFields): string {
  return createHash(hashAlgorithm)
    .update(Buffer.from(previousHashHex, 'hex'))
    .update(canonicalEventBytes(event))
    .digest('hex');
}
