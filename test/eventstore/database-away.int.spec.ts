import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { isDatabaseUnavailable } from '../../src/database/database-errors.js';
import { createPool } from '../../src/database/pool.js';
import { PostgresEventStore } from '../../src/eventstore/postgres/postgres-event-store.js';
import { freePort } from '../support/free-port.js';
import { createTestDatabase, serviceUrlOf } from '../support/test-database.js';

// Finding 5 of issue 11: an append while the database is away fails at once, as "database away"
// (503 upstream), and the group-commit writer goes on: it neither hangs the request nor ends the
// process with an unhandled rejection; when the database is there again appends succeed.

const append = (store: PostgresEventStore) =>
  store.append({
    streams: [
      {
        streamId: `away-${randomUUID()}`,
        expectedVersion: 'no-stream',
        events: [{ eventId: randomUUID(), type: 'T', schemaVersion: 1, data: {}, metadata: {} }],
      },
    ],
  });

describe('appends while the database is away', () => {
  it('fail as database-unavailable, and the writer keeps serving later appends', async () => {
    const closedPort = await freePort();
    const away = createPool(`postgres://ledger_service:x@127.0.0.1:${closedPort}/none`, 2);
    const store = new PostgresEventStore(away);
    for (let i = 0; i < 3; i += 1) {
      const error = await append(store).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isDatabaseUnavailable(error)).toBe(true);
    }
    await store.close();
    await away.end();

    const pool = createPool(serviceUrlOf(await createTestDatabase()), 2);
    const back = new PostgresEventStore(pool);
    expect((await append(back)).position).toBe(1);
    await back.close();
    await pool.end();
  }, 10_000); // before the fix the first append never settled
});
