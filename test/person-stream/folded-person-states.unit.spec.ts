import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { personYear, prng } from '../../bench/province-workload.js';
import type { RecordedEvent } from '../../src/eventstore/event-store.port.js';
import { FoldedPersonStates } from '../../src/person-stream/application/folded-person-states.js';
import { personEventOf } from '../../src/person-stream/domain/person-events.js';
import {
  foldPerson,
  initialPersonState,
  type PersonState,
} from '../../src/person-stream/domain/person-state.js';

// Pure: a person's stream as the log records it (versions 1..n, positions with gaps as other
// streams interleave), made by the deciders through the benchmark's province workload, so the
// histories hold real settlements, reversals and assistance changes.

function recordedStream(seed: number, claims: number): RecordedEvent[] {
  const { request } = personYear(seed % 1000, prng(seed), claims);
  const person = request.streams[0]!;
  return person.events.map((e, i) => ({
    ...e,
    streamId: person.streamId,
    streamVersion: i + 1,
    position: 3 * (i + 1) + (seed % 3),
    recordedAt: '2023-12-31T00:00:00.000Z',
    hash: 'h',
  }));
}

const open = async (e: RecordedEvent) => ({ event: personEventOf(e), position: e.position });

/** The state the log gives: every event up to the version folded from the start. */
function foldedFromLog(stream: readonly RecordedEvent[], version: number): PersonState {
  return foldPerson(
    initialPersonState(),
    stream.slice(0, version).map((e) => ({ event: personEventOf(e), position: e.position })),
  );
}

function counting() {
  const opened: number[] = [];
  return {
    opened,
    open: async (e: RecordedEvent) => {
      opened.push(e.streamVersion);
      return open(e);
    },
  };
}

describe('FoldedPersonStates: replays fold only what no kept state holds', () => {
  it('answers the state folded from the log, for any history and any order of replays (now, as of earlier versions, as the stream grows)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 40 }),
        fc.array(
          fc.tuple(
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 25,
          },
        ),
        async (seed, claims, draws) => {
          const stream = recordedStream(seed, claims);
          // the stream as read at each replay only grows; each replay asks for a version of it
          const reads = draws
            .map(([length, at]) => {
              const read = Math.max(1, Math.ceil(length * stream.length));
              return { read, version: Math.max(1, Math.ceil(at * read)) };
            })
            .sort((a, b) => a.read - b.read);
          const states = new FoldedPersonStates(3, 3);
          const answers: Array<{ version: number; state: PersonState }> = [];
          for (const { read, version } of reads) {
            const state = await states.replay('person-p', stream.slice(0, read), version, open);
            expect(state).toEqual(foldedFromLog(stream, version));
            answers.push({ version, state });
          }
          // states handed out are shared: no later replay changed an earlier answer
          for (const { version, state } of answers)
            expect(state).toEqual(foldedFromLog(stream, version));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('folds a stream once, then only the events appended since', async () => {
    const stream = recordedStream(7, 30);
    const states = new FoldedPersonStates();
    const first = counting();
    await states.replay('person-p', stream.slice(0, 20), 20, first.open);
    expect(first.opened).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const again = counting();
    const same = await states.replay('person-p', stream.slice(0, 20), 20, again.open);
    expect(again.opened).toEqual([]);
    expect(same).toEqual(foldedFromLog(stream, 20));
    const grown = counting();
    const after = await states.replay('person-p', stream.slice(0, 23), 23, grown.open);
    expect(grown.opened).toEqual([21, 22, 23]);
    expect(after).toEqual(foldedFromLog(stream, 23));
  });

  it('replays as of an earlier version from the latest kept state at or below it', async () => {
    const stream = recordedStream(11, 30);
    const states = new FoldedPersonStates();
    await states.replay('person-p', stream, 10, open);
    await states.replay('person-p', stream, 25, open);
    const between = counting();
    const state = await states.replay('person-p', stream, 15, between.open);
    expect(between.opened).toEqual([11, 12, 13, 14, 15]);
    expect(state).toEqual(foldedFromLog(stream, 15));
  });

  it('keeps nothing of an erased person: every replay once the stream holds PersonErased folds from the log', async () => {
    const stream = recordedStream(5, 3);
    const states = new FoldedPersonStates();
    await states.replay('person-p', stream, stream.length, open);
    expect(states.heldStates).toBe(1);
    const { personId } = stream[0]!.data as { personId: string };
    const erased: RecordedEvent = {
      ...stream[0]!,
      eventId: 'erased',
      type: 'PersonErased',
      schemaVersion: 1,
      data: { personId, legalBasis: '个人信息保护法 第四十七条' },
      streamVersion: stream.length + 1,
      position: stream.at(-1)!.position + 1,
    };
    const withErasure = [...stream, erased];
    const before = counting();
    // as of a moment before the erasure: its state is folded from the log, and not kept
    const asOf = await states.replay('person-p', withErasure, stream.length, before.open);
    expect(before.opened).toHaveLength(stream.length);
    expect(asOf).toEqual(foldedFromLog(withErasure, stream.length));
    expect(states.heldStates).toBe(0);
    const now = await states.replay('person-p', withErasure, withErasure.length, open);
    expect(now).toEqual(foldedFromLog(withErasure, withErasure.length));
    expect(now.status === 'registered' && now.name).toBe('');
    expect(states.heldStates).toBe(0);
  });

  it('refuses a version the events read do not hold', async () => {
    const stream = recordedStream(3, 2);
    const states = new FoldedPersonStates();
    await expect(states.replay('person-p', stream, stream.length + 1, open)).rejects.toThrow(
      /is not in the/,
    );
    await expect(states.replay('person-p', stream.slice(1), 1, open)).rejects.toThrow(
      /is not in the/,
    );
  });

  it('holds at most its bound of states, the least recently replayed person first out', async () => {
    const states = new FoldedPersonStates(4, 2);
    const a = recordedStream(21, 5);
    const b = recordedStream(22, 5);
    await states.replay('person-a', a, 3, open);
    await states.replay('person-a', a, 5, open);
    await states.replay('person-a', a, 4, open); // a: only the two newest kept, 4 and 5
    expect(states.heldStates).toBe(2);
    await states.replay('person-b', b, 4, open);
    await states.replay('person-a', a, 5, open);
    await states.replay('person-b', b, 5, open); // b replayed after a
    expect(states.heldStates).toBe(4);
    const c = recordedStream(23, 5);
    await states.replay('person-c', c, 5, open); // over the bound: a, the least recent, goes
    expect(states.heldStates).toBe(3);
    const aAgain = counting();
    await states.replay('person-a', a, 5, aAgain.open);
    expect(aAgain.opened).toHaveLength(5);
  });
});
