import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PostgresEventStore } from '../../src/eventstore/postgres/postgres-event-store.js';
import { createTestDatabase } from '../support/test-database.js';
import { describeEventStoreContract } from './event-store.contract.js';

describeEventStoreContract('PostgreSQL', async () => {
  const pool = new pg.Pool({ connectionString: await createTestDatabase(), max: 8 });
  const store = new PostgresEventStore(pool);
  return {
    store,
    dispose: async () => {
      await store.close();
      await pool.end();
    },
  };
});

describe('PostgreSQL adapter across processes', () => {
  it('keeps positions gap-free and in order when two store instances (two processes) append at once', async () => {
    const url = await createTestDatabase();
    const pools = [
      new pg.Pool({ connectionString: url, max: 4 }),
      new pg.Pool({ connectionString: url, max: 4 }),
    ];
    const stores = pools.map((pool) => new PostgresEventStore(pool));
    const seen: number[] = [];
    const reader = stores[0]!.subscribe(0, async (events) => {
      seen.push(...events.map((e) => e.position));
    });
    const positions = (
      await Promise.all(
        stores.flatMap((store, s) =>
          Array.from({ length: 8 }, async (_, a) => {
            const mine: number[] = [];
            for (let i = 0; i < 20; i += 1) {
              const r = await store.append({
                streams: [
                  {
                    streamId: `x-${s}-${a}-${i}`,
                    expectedVersion: 'no-stream',
                    events: [
                      {
                        eventId: randomUUID(),
                        type: 'T',
                        schemaVersion: 1,
                        data: { i },
                        metadata: {},
                      },
                    ],
                  },
                ],
              });
              mine.push(r.position);
            }
            return mine;
          }),
        ),
      )
    ).flat();
    expect(await reader.waitFor(Math.max(...positions), 20000)).toBe(true);
    await reader.close();
    expect(seen).toEqual(Array.from({ length: 320 }, (_, i) => i + 1));
    expect([...positions].sort((a, b) => a - b)).toEqual(seen);
    await Promise.all(stores.map((s) => s.close()));
    await Promise.all(pools.map((p) => p.end()));
  });
});
