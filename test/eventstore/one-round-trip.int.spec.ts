import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { NewEvent } from '../../src/eventstore/event-store.port.js';
import {
  DuplicateEventError,
  IdempotencyKeyTakenError,
  WrongExpectedVersionError,
} from '../../src/eventstore/event-store.errors.js';
import { PostgresEventStore } from '../../src/eventstore/postgres/postgres-event-store.js';
import { chainHash, genesisHash } from '../../src/eventstore/tamper-evidence.js';
import { createTestDatabase } from '../support/test-database.js';

// Issue 17, goal 1: once a writer knows the log's head, a batch goes in one round trip
// (ledger_append_batch) on assumed stream versions, checked under the append lock. Every way an
// assumption can fail must give the outcome the long way gives, and record nothing more.

/** A pool that counts the one-round-trip calls made through it. */
class CountingPool extends pg.Pool {
  oneTrips = 0;
  override query(...args: unknown[]): never {
    const config = args[0] as { name?: string };
    if (config?.name === 'ledger_append_batch') this.oneTrips += 1;
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}

const event = (data: Record<string, unknown> = { n: 1 }): NewEvent => ({
  eventId: randomUUID(),
  type: 'Probe',
  schemaVersion: 1,
  data,
  metadata: {},
});

describe('appends in one round trip', () => {
  let url: string;
  let pool: CountingPool;
  let store: PostgresEventStore;

  beforeAll(async () => {
    url = await createTestDatabase();
    pool = new CountingPool({ connectionString: url, max: 4 });
    store = new PostgresEventStore(pool);
  });

  afterAll(async () => {
    await store.close();
    await pool.end();
  });

  it('takes one round trip per append once the writer knows the head', async () => {
    const stream = `s-${randomUUID()}`;
    await store.append({
      streams: [{ streamId: stream, expectedVersion: 'no-stream', events: [event()] }],
    });
    const before = pool.oneTrips;
    for (let v = 1; v <= 5; v += 1) {
      await store.append({
        streams: [{ streamId: stream, expectedVersion: v, events: [event()] }],
      });
    }
    expect(pool.oneTrips - before).toBe(5);
    const read = await store.readStream(stream);
    expect(read.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses a stale expected version exactly as the long way does, recording nothing', async () => {
    const stream = `s-${randomUUID()}`;
    await store.append({
      streams: [{ streamId: stream, expectedVersion: 'no-stream', events: [event()] }],
    });
    await store.append({ streams: [{ streamId: stream, expectedVersion: 1, events: [event()] }] });
    const head = await store.headPosition();
    const refusal = await store
      .append({ streams: [{ streamId: stream, expectedVersion: 1, events: [event()] }] })
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(WrongExpectedVersionError);
    expect(refusal).toMatchObject({ actual: 2 });
    expect(await store.headPosition()).toBe(head);
  });

  it('refuses an expected version of a stream another process wrote, after checking the log', async () => {
    const otherPool = new pg.Pool({ connectionString: url, max: 2 });
    const other = new PostgresEventStore(otherPool);
    try {
      const stream = `s-${randomUUID()}`;
      await other.append({
        streams: [{ streamId: stream, expectedVersion: 'no-stream', events: [event()] }],
      });
      // this store assumes the stream is new: the check under the lock says otherwise
      const refusal = await store
        .append({
          streams: [{ streamId: stream, expectedVersion: 'no-stream', events: [event()] }],
        })
        .catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(WrongExpectedVersionError);
      // and a version it never saw is accepted once the log confirms it
      const ok = await store.append({
        streams: [{ streamId: stream, expectedVersion: 1, events: [event()] }],
      });
      expect(ok.events[0]!.streamVersion).toBe(2);
    } finally {
      await other.close();
      await otherPool.end();
    }
  });

  it('chains on the head another process moved, so the SM3 chain stays whole', async () => {
    const otherPool = new pg.Pool({ connectionString: url, max: 2 });
    const other = new PostgresEventStore(otherPool);
    try {
      for (let i = 0; i < 3; i += 1) {
        await store.append({
          streams: [
            { streamId: `s-${randomUUID()}`, expectedVersion: 'no-stream', events: [event({ i })] },
          ],
        });
        await other.append({
          streams: [
            { streamId: `s-${randomUUID()}`, expectedVersion: 'no-stream', events: [event({ i })] },
          ],
        });
      }
      const all = await store.readAll(0, 10_000);
      expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i + 1));
      let previous = genesisHash;
      for (const { hash, ...fields } of all) {
        expect(chainHash(previous, fields)).toBe(hash);
        previous = hash;
      }
    } finally {
      await other.close();
      await otherPool.end();
    }
  });

  it('refuses a taken idempotency key and a recorded event id, and records nothing of either', async () => {
    const key = `k-${randomUUID()}`;
    const idempotency = { key, requestHash: 'h', statusCode: 201, body: { ok: true } };
    const stream = `s-${randomUUID()}`;
    const first = event();
    await store.append({
      streams: [{ streamId: stream, expectedVersion: 'no-stream', events: [first] }],
      idempotency,
    });
    expect(await store.findResponse(key)).toMatchObject({ statusCode: 201, body: { ok: true } });
    const head = await store.headPosition();
    const taken = await store
      .append({
        streams: [
          { streamId: `s-${randomUUID()}`, expectedVersion: 'no-stream', events: [event()] },
        ],
        idempotency,
      })
      .catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(IdempotencyKeyTakenError);
    const duplicate = await store
      .append({
        streams: [{ streamId: `s-${randomUUID()}`, expectedVersion: 'no-stream', events: [first] }],
      })
      .catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(DuplicateEventError);
    expect(await store.headPosition()).toBe(head);
    // and the writer goes on in one round trip afterwards
    const before = pool.oneTrips;
    await store.append({ streams: [{ streamId: stream, expectedVersion: 1, events: [event()] }] });
    await store.append({ streams: [{ streamId: stream, expectedVersion: 2, events: [event()] }] });
    expect(pool.oneTrips - before).toBeGreaterThanOrEqual(1);
    expect((await store.readStream(stream)).length).toBe(3);
  });

  it('decides racing appends with one expected version in one batch: exactly one wins', async () => {
    const stream = `s-${randomUUID()}`;
    await store.append({
      streams: [{ streamId: stream, expectedVersion: 'no-stream', events: [event()] }],
    });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        store.append({ streams: [{ streamId: stream, expectedVersion: 1, events: [event()] }] }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(
      results.every(
        (r) => r.status === 'fulfilled' || r.reason instanceof WrongExpectedVersionError,
      ),
    ).toBe(true);
    expect((await store.readStream(stream)).length).toBe(2);
  });
});
