import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent, RecordedEvent } from '../../src/eventstore/event-store.port.js';
import {
  DuplicateEventError,
  IdempotencyKeyTakenError,
  WrongExpectedVersionError,
} from '../../src/eventstore/event-store.errors.js';
import { chainHash, genesisHash } from '../../src/eventstore/tamper-evidence.js';

// The EventStore port's contract. Every adapter runs this same suite:
//   describeEventStoreContract('postgres', async () => ({ store, dispose }))

export interface ContractSubject {
  readonly store: EventStore;
  readonly dispose: () => Promise<void>;
}

function event(type = 'Tested', data: Record<string, unknown> = {}): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: 'contract-test' },
  };
}

function stream(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

export function describeEventStoreContract(
  adapter: string,
  makeSubject: () => Promise<ContractSubject>,
): void {
  describe(`EventStore contract: ${adapter}`, () => {
    let subject: ContractSubject;
    let store: EventStore;
    beforeAll(async () => {
      subject = await makeSubject();
      store = subject.store;
    });
    afterAll(async () => subject.dispose());

    it('appends to a new stream and reads it back with versions from 1 and rising positions', async () => {
      const id = stream('s');
      const result = await store.append({
        streams: [
          {
            streamId: id,
            expectedVersion: 'no-stream',
            events: [event('A', { n: 1 }), event('B', { n: 2 })],
          },
        ],
      });
      const read = await store.readStream(id);
      expect(read.map((e) => [e.type, e.streamVersion, e.data])).toEqual([
        ['A', 1, { n: 1 }],
        ['B', 2, { n: 2 }],
      ]);
      expect(read[1]!.position).toBe(read[0]!.position + 1);
      expect(result.position).toBe(read[1]!.position);
    });

    it('accepts an exact expected version and refuses a stale one, recording nothing', async () => {
      const id = stream('s');
      await store.append({
        streams: [{ streamId: id, expectedVersion: 'no-stream', events: [event()] }],
      });
      await store.append({ streams: [{ streamId: id, expectedVersion: 1, events: [event()] }] });
      const head = await store.headPosition();
      await expect(
        store.append({ streams: [{ streamId: id, expectedVersion: 1, events: [event()] }] }),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(
        store.append({
          streams: [{ streamId: id, expectedVersion: 'no-stream', events: [event()] }],
        }),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await store.headPosition()).toBe(head);
      expect(await store.readStream(id)).toHaveLength(2);
    });

    it('appends with expected version any whatever the stream holds', async () => {
      const id = stream('s');
      await store.append({
        streams: [{ streamId: id, expectedVersion: 'any', events: [event()] }],
      });
      await store.append({
        streams: [{ streamId: id, expectedVersion: 'any', events: [event()] }],
      });
      expect((await store.readStream(id)).map((e) => e.streamVersion)).toEqual([1, 2]);
    });

    it('appends to several streams atomically: one stale stream refuses them all', async () => {
      const a = stream('a');
      const b = stream('b');
      await store.append({
        streams: [{ streamId: b, expectedVersion: 'no-stream', events: [event()] }],
      });
      await expect(
        store.append({
          streams: [
            { streamId: a, expectedVersion: 'no-stream', events: [event()] },
            { streamId: b, expectedVersion: 'no-stream', events: [event()] },
          ],
        }),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await store.readStream(a)).toHaveLength(0);
      await store.append({
        streams: [
          { streamId: a, expectedVersion: 'no-stream', events: [event()] },
          { streamId: b, expectedVersion: 1, events: [event()] },
        ],
      });
      expect(await store.readStream(a)).toHaveLength(1);
      expect(await store.readStream(b)).toHaveLength(2);
    });

    it('records an eventId at most once', async () => {
      const e = event();
      await store.append({
        streams: [{ streamId: stream('s'), expectedVersion: 'any', events: [e] }],
      });
      await expect(
        store.append({ streams: [{ streamId: stream('s'), expectedVersion: 'any', events: [e] }] }),
      ).rejects.toBeInstanceOf(DuplicateEventError);
    });

    it('reads all from a position in order, bounded by maxCount, and a stream as of a position', async () => {
      const id = stream('s');
      const first = await store.append({
        streams: [{ streamId: id, expectedVersion: 'no-stream', events: [event('A')] }],
      });
      await store.append({
        streams: [{ streamId: id, expectedVersion: 1, events: [event('B'), event('C')] }],
      });
      const all = await store.readAll(first.position - 1, 3);
      expect(all.map((e) => e.type)).toEqual(['A', 'B', 'C']);
      expect(await store.readAll(first.position - 1, 2)).toHaveLength(2);
      expect(
        (await store.readStream(id, { toPosition: first.position })).map((e) => e.type),
      ).toEqual(['A']);
      expect((await store.readStream(id, { afterVersion: 1 })).map((e) => e.type)).toEqual([
        'B',
        'C',
      ]);
      expect(
        (await store.readStream(id, { afterVersion: 1, toPosition: first.position + 1 })).map(
          (e) => e.type,
        ),
      ).toEqual(['B']);
    });

    it('chains every event to its predecessor with an SM3 hash', async () => {
      await store.append({
        streams: [{ streamId: stream('s'), expectedVersion: 'any', events: [event(), event()] }],
      });
      const all = await store.readAll(0, 10000);
      let previous = genesisHash;
      for (const e of all) {
        const { hash, ...fields } = e;
        expect(hash).toBe(chainHash(previous, fields));
        previous = hash;
      }
    });

    it('keeps the response of an idempotent append and refuses the key a second time', async () => {
      const key = `k-${randomUUID()}`;
      const result = await store.append({
        streams: [{ streamId: stream('s'), expectedVersion: 'any', events: [event()] }],
        idempotency: { key, requestHash: 'h1', statusCode: 201, body: { id: 'x' } },
      });
      expect(await store.findResponse(key)).toEqual({
        key,
        requestHash: 'h1',
        statusCode: 201,
        body: { id: 'x' },
        position: result.position,
      });
      await expect(
        store.append({
          streams: [{ streamId: stream('s'), expectedVersion: 'any', events: [event()] }],
          idempotency: { key, requestHash: 'h2', statusCode: 201, body: {} },
        }),
      ).rejects.toBeInstanceOf(IdempotencyKeyTakenError);
      expect(await store.findResponse(`missing-${key}`)).toBeUndefined();
    });

    it('lets exactly one of many racing appenders with the same expected version win', async () => {
      const id = stream('race');
      await store.append({
        streams: [{ streamId: id, expectedVersion: 'no-stream', events: [event()] }],
      });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, () =>
          store.append({ streams: [{ streamId: id, expectedVersion: 1, events: [event()] }] }),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(
        outcomes
          .filter((o) => o.status === 'rejected')
          .every((o) => (o as PromiseRejectedResult).reason instanceof WrongExpectedVersionError),
      ).toBe(true);
      expect(await store.readStream(id)).toHaveLength(2);
    });

    it('never lets a subscriber skip a position under many concurrent appenders', async () => {
      const start = await store.headPosition();
      const seen: RecordedEvent[] = [];
      const subscription = store.subscribe(start, async (events) => {
        seen.push(...events);
      });
      const appenders = 32;
      const appendsEach = 25;
      const results = await Promise.all(
        Array.from({ length: appenders }, async (_, a) => {
          const positions: number[] = [];
          for (let i = 0; i < appendsEach; i += 1) {
            const size = 1 + ((a + i) % 3);
            const r = await store.append({
              streams: [
                {
                  streamId: stream(`c${a}`),
                  expectedVersion: 'no-stream',
                  events: Array.from({ length: size }, () => event()),
                },
              ],
            });
            positions.push(...r.events.map((e) => e.position));
          }
          return positions;
        }),
      );
      const acknowledged = results.flat().sort((x, y) => x - y);
      const head = acknowledged[acknowledged.length - 1]!;
      expect(await subscription.waitFor(head, 30000)).toBe(true);
      await subscription.close();
      const positions = seen.map((e) => e.position);
      expect(new Set(positions).size).toBe(positions.length);
      expect(positions).toEqual(acknowledged);
      expect(positions).toEqual(Array.from({ length: positions.length }, (_, i) => start + 1 + i));
    });
  });
}
