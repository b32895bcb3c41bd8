import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '../event-store.port.js';
import {
  expectedRevision,
  fromEnvelope,
  idempotencyStream,
  layOut,
  logCopyId,
  toEnvelope,
  versionOf,
} from './kurrentdb-records.js';

// The pure half of the KurrentDB adapter: how the port's versions, positions and envelopes map
// onto KurrentDB revisions and records. The I/O half runs only against a real server.

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/;

describe('KurrentDB record mapping', () => {
  it('maps our stream versions (from 1) onto KurrentDB revisions (from 0) both ways', () => {
    expect(expectedRevision('any')).toBe('any');
    expect(expectedRevision('no-stream')).toBe('no_stream');
    expect(expectedRevision(0)).toBe('no_stream');
    expect(expectedRevision(1)).toBe(0n);
    expect(expectedRevision(42)).toBe(41n);
    expect(versionOf('no_stream')).toBe(0);
    expect(versionOf(undefined)).toBe(0);
    expect(versionOf(0n)).toBe(1);
    expect(versionOf(41n)).toBe(42);
    expect(() => versionOf(BigInt(Number.MAX_SAFE_INTEGER))).toThrow(RangeError);
  });

  it('gives the ledger-log copy of an event a stable UUID of its own, distinct per event', () => {
    const a = logCopyId('00000000-0000-4000-8000-000000000001');
    expect(a).toMatch(uuid);
    expect(logCopyId('00000000-0000-4000-8000-000000000001')).toBe(a);
    expect(logCopyId('00000000-0000-4000-8000-000000000002')).not.toBe(a);
    expect(a).not.toBe('00000000-0000-4000-8000-000000000001');
  });

  it('keeps idempotency keys out of stream names (hashed), one stream per key', () => {
    expect(idempotencyStream('key with spaces/and slashes')).toMatch(
      /^ledger-idempotency-[0-9a-f]{64}$/,
    );
    expect(idempotencyStream('a')).not.toBe(idempotencyStream('b'));
  });

  it('lays out one append: versions continue each stream, positions continue the log in order', () => {
    const e = (id: string) => ({
      eventId: id,
      type: 'T',
      schemaVersion: 1,
      data: {},
      metadata: {},
    });
    const laid = layOut(
      [
        { streamId: 'a', fromVersion: 2, events: [e('1'), e('2')] },
        { streamId: 'b', fromVersion: 0, events: [e('3')] },
      ],
      10,
      't',
    );
    expect(laid.map((x) => [x.streamId, x.streamVersion, x.position, x.eventId])).toEqual([
      ['a', 3, 10, '1'],
      ['a', 4, 11, '2'],
      ['b', 1, 12, '3'],
    ]);
  });

  it('round-trips the envelope and refuses data that is not one', () => {
    const event: RecordedEvent = {
      eventId: '00000000-0000-4000-8000-000000000001',
      type: 'ClaimSettled',
      schemaVersion: 2,
      data: { amountFen: 12345 },
      metadata: { actor: 'x' },
      streamId: 'person-1',
      streamVersion: 3,
      position: 7,
      recordedAt: '2023-01-01T00:00:00.000Z',
      hash: 'ab'.repeat(32),
    };
    expect(fromEnvelope(JSON.parse(JSON.stringify(toEnvelope(event))))).toEqual(event);
    expect(() => fromEnvelope({ ...event, position: '7' })).toThrow('not a ledger event envelope');
    expect(() => fromEnvelope(null)).toThrow('not a ledger event envelope');
  });
});
