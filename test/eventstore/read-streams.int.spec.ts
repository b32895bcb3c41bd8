import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { readStreamsOf, type NewEvent } from '../../src/eventstore/event-store.port.js';
import { PostgresEventStore } from '../../src/eventstore/postgres/postgres-event-store.js';
import { createTestDatabase } from '../support/test-database.js';

// readStreams: several streams in one statement (the settlement's invoices, registry record and
// person catch-up in one round trip), answered in the order asked, as of one snapshot.

function event(n: number): NewEvent {
  return { eventId: randomUUID(), type: 'T', schemaVersion: 1, data: { n }, metadata: {} };
}

describe('PostgresEventStore.readStreams', () => {
  let pool: pg.Pool;
  let store: PostgresEventStore;
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: await createTestDatabase(), max: 8 });
    store = new PostgresEventStore(pool);
  });
  afterAll(async () => {
    await store.close();
    await pool.end();
  });

  it('answers each stream in the order asked, after its version, as readStream does; a missing stream is empty', async () => {
    const [a, b] = [`a-${randomUUID()}`, `b-${randomUUID()}`];
    await store.append({
      streams: [
        { streamId: a, expectedVersion: 'no-stream', events: [event(1), event(2), event(3)] },
        { streamId: b, expectedVersion: 'no-stream', events: [event(4)] },
      ],
    });
    const answers = await readStreamsOf(store, [
      { streamId: b },
      { streamId: `missing-${randomUUID()}` },
      { streamId: a, afterVersion: 1 },
      { streamId: a },
    ]);
    expect(answers.map((events) => events.map((e) => (e.data as { n: number }).n))).toEqual([
      [4],
      [],
      [2, 3],
      [1, 2, 3],
    ]);
    expect(answers[3]).toEqual(await store.readStream(a));
    expect(answers[2]).toEqual(await store.readStream(a, { afterVersion: 1 }));
  });

  it('sees an atomic append to two streams in both answers or in neither, while appends go on', async () => {
    const pairs = Array.from({ length: 30 }, () => [`p-${randomUUID()}`, `q-${randomUUID()}`]);
    const appending = (async () => {
      for (const [p, q] of pairs)
        await store.append({
          streams: [
            { streamId: p!, expectedVersion: 'no-stream', events: [event(1)] },
            { streamId: q!, expectedVersion: 'no-stream', events: [event(2)] },
          ],
        });
    })();
    const torn: string[] = [];
    let seenBoth = 0;
    let done = false;
    void appending.then(() => (done = true));
    while (!done) {
      const answers = await store.readStreams(
        pairs.flatMap(([p, q]) => [{ streamId: p! }, { streamId: q! }]),
      );
      for (let i = 0; i < pairs.length; i += 1) {
        // p asked first: stream by stream, p could be read before the append and q after it
        const [p, q] = [answers[2 * i]!.length, answers[2 * i + 1]!.length];
        if (q !== p) torn.push(pairs[i]![0]!);
        if (q === 1 && p === 1) seenBoth += 1;
      }
    }
    await appending;
    expect(torn).toEqual([]);
    expect(seenBoth).toBeGreaterThan(0);
  });
});
