import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from './event-store.port.js';
import { continueLog, LogDivergedError } from './log-continuity.js';
import { chainHash, genesisHash } from './tamper-evidence.js';

function chained(count: number, from = { position: 0, hash: genesisHash }): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let previous = from.hash;
  for (let i = 1; i <= count; i += 1) {
    const fields = {
      eventId: `00000000-0000-4000-8000-${String(from.position + i).padStart(12, '0')}`,
      type: 'T',
      schemaVersion: 1,
      data: { i },
      metadata: {},
      streamId: 's',
      streamVersion: from.position + i,
      position: from.position + i,
      recordedAt: '2023-01-01T00:00:00.000Z',
    };
    previous = chainHash(previous, fields);
    events.push({ ...fields, hash: previous });
  }
  return events;
}

function divergence(run: () => unknown): LogDivergedError {
  try {
    run();
  } catch (error) {
    if (error instanceof LogDivergedError) return error;
    throw error;
  }
  throw new Error('expected the copy to diverge');
}

describe('continuing a copied log', () => {
  it('accepts events at the next positions whose hashes chain, and returns the new head', () => {
    const events = chained(3);
    expect(continueLog({ position: 0, hash: genesisHash }, events)).toEqual({
      position: 3,
      hash: events[2]!.hash,
    });
    const more = chained(2, { position: 3, hash: events[2]!.hash });
    expect(continueLog({ position: 3, hash: events[2]!.hash }, more).position).toBe(5);
  });

  it('refuses a gap, a repeat and a reordering, naming the first bad position', () => {
    const [a, b, c] = chained(3);
    expect(
      divergence(() => continueLog({ position: 0, hash: genesisHash }, [a!, c!])),
    ).toMatchObject({ position: 3, problem: 'expected position 2' });
    expect(divergence(() => continueLog({ position: 1, hash: a!.hash }, [a!, b!]))).toMatchObject({
      position: 1,
    });
    expect(
      divergence(() => continueLog({ position: 0, hash: genesisHash }, [b!, a!])),
    ).toMatchObject({ position: 2 });
  });

  it('refuses an event whose data was changed, or that chains on another predecessor', () => {
    const [a, b] = chained(2);
    const edited = { ...b!, data: { i: 99 } };
    expect(
      divergence(() => continueLog({ position: 0, hash: genesisHash }, [a!, edited])),
    ).toMatchObject({ position: 2, problem: 'its hash does not chain on the previous event' });
    expect(
      divergence(() => continueLog({ position: 0, hash: 'ab'.repeat(32) }, [a!])),
    ).toMatchObject({ position: 1 });
  });
});
