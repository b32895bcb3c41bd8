import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '../eventstore/event-store.port.js';
import { fromMessage, MalformedMessageError, toMessage } from './ledger-event-message.js';

const event: RecordedEvent = {
  eventId: '0b7f3c1e-8d7a-4a55-9d0e-1f2a3b4c5d6e',
  type: 'ClaimSettled',
  schemaVersion: 3,
  streamId: 'person-per_0123456789abcdef01234567',
  streamVersion: 7,
  position: 4242,
  recordedAt: '2023-05-01T02:03:04.000Z',
  hash: 'ab'.repeat(32),
  data: { claimId: 'clm_1', breakdown: { basicFen: 4878 } },
  metadata: {
    actor: 'hospital',
    correlationId: 'corr-1',
    causationId: 'cause-1',
    idempotencyKey: 'k-1',
  },
};

const asDelivered = (m: ReturnType<typeof toMessage>) => ({
  key: Buffer.from(String(m.key)),
  value: Buffer.from(String(m.value)),
});

describe('ledger event message', () => {
  it('is keyed by stream id, names the partition, and carries id, type, version, position and tracing headers', () => {
    const m = toMessage(event, 5);
    expect(m.key).toBe(event.streamId);
    expect(m.partition).toBe(5);
    expect(m.headers).toEqual({
      'content-type': 'application/vnd.ledger.event+json',
      'event-id': event.eventId,
      'event-type': 'ClaimSettled',
      'schema-version': '3',
      position: '4242',
      'correlation-id': 'corr-1',
      'causation-id': 'cause-1',
    });
  });

  it('round-trips the recorded event exactly (hash and position included)', () => {
    expect(fromMessage(asDelivered(toMessage(event, 0)))).toEqual(event);
  });

  it('refuses a value that is not a ledger event, naming what is wrong', () => {
    expect(() => fromMessage({ key: null, value: null })).toThrow(MalformedMessageError);
    expect(() => fromMessage({ key: null, value: Buffer.from('{') })).toThrow(/not JSON/);
    expect(() =>
      fromMessage({
        key: null,
        value: Buffer.from(JSON.stringify({ ...event, position: 0, hash: 1 })),
      }),
    ).toThrow(/position, hash/);
    expect(() =>
      fromMessage({ key: Buffer.from('other-stream'), value: Buffer.from(JSON.stringify(event)) }),
    ).toThrow(/key differs/);
  });
});
