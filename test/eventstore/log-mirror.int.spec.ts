import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { NewEvent } from '../../src/eventstore/event-store.port.js';
import { LogDivergedError } from '../../src/eventstore/log-continuity.js';
import { LogMirror } from '../../src/eventstore/log-mirror.js';
import { PostgresEventStore } from '../../src/eventstore/postgres/postgres-event-store.js';
import { loadConfig } from '../../src/config/app-config.js';
import { ReadModels } from '../../src/read-models/read-models.module.js';
import { createTestDatabase } from '../support/test-database.js';

// The log mirror copies a log of record into the PostgreSQL log the read side uses. KurrentDB is
// its source in production; here the source is another real PostgreSQL log (the mirror only
// needs the EventStore port), so the copying, its restart and its refusals run for real.

function event(i: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'Tested',
    schemaVersion: 1,
    data: { i, amountFen: 100 * i },
    metadata: { actor: 'mirror-test' },
  };
}

async function rows(pool: pg.Pool): Promise<string[]> {
  const { rows: r } = await pool.query<{ row: string }>(
    `SELECT jsonb_build_array(position, stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, encode(hash, 'hex'))::text AS row
       FROM events ORDER BY position`,
  );
  return r.map((x) => x.row);
}

describe('log mirror (a log of record copied into the PostgreSQL read log)', () => {
  let sourcePool: pg.Pool;
  let copyPool: pg.Pool;
  let source: PostgresEventStore;
  let copy: PostgresEventStore;

  beforeAll(async () => {
    sourcePool = new pg.Pool({ connectionString: await createTestDatabase(), max: 4 });
    copyPool = new pg.Pool({ connectionString: await createTestDatabase(), max: 4 });
    source = new PostgresEventStore(sourcePool);
    copy = new PostgresEventStore(copyPool);
  });

  afterAll(async () => {
    await source.close();
    await copy.close();
    await sourcePool.end();
    await copyPool.end();
  });

  it('copies every event at its position with its hash, resumes from its own head after a restart, and never copies twice', async () => {
    let mirror = new LogMirror(new PostgresEventStore(sourcePool), copy);
    await mirror.start();
    let last = 0;
    for (let i = 0; i < 40; i += 1) {
      const r = await source.append({
        streams: [
          { streamId: `person-${i % 7}`, expectedVersion: 'any', events: [event(i)] },
          ...(i % 5 === 0
            ? [
                {
                  streamId: `fund-${i}`,
                  expectedVersion: 'no-stream' as const,
                  events: [event(i), event(i + 1)],
                },
              ]
            : []),
        ],
      });
      last = r.position;
    }
    expect(await mirror.waitFor(last, 10_000)).toBe(true);
    await mirror.close();
    expect(await rows(copyPool)).toEqual(await rows(sourcePool));

    // appends while the mirror is down are copied by the next one, from the copy's head
    const down = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        source.append({
          streams: [{ streamId: `late-${i}`, expectedVersion: 'no-stream', events: [event(i)] }],
        }),
      ),
    );
    last = Math.max(...down.map((r) => r.position));
    mirror = new LogMirror(new PostgresEventStore(sourcePool), copy);
    await mirror.start();
    expect(await mirror.waitFor(last, 10_000)).toBe(true);
    await mirror.close();
    const copied = await rows(copyPool);
    expect(copied).toHaveLength(last);
    expect(copied).toEqual(await rows(sourcePool));
    // the copy serves reads like the log itself
    expect((await copy.readStream('person-3')).map((e) => e.data.i)).toEqual([
      3, 10, 17, 24, 31, 38,
    ]);
  });

  it('refuses a delivery that does not continue the copy (an edited event, a gap), copying none of it', async () => {
    const head = await copy.headPosition();
    const appended = await source.append({
      streams: [
        {
          streamId: `tamper-${randomUUID()}`,
          expectedVersion: 'no-stream',
          events: [event(1), event(2), event(3)],
        },
      ],
    });
    const [first, second, third] = appended.events;
    const edited = { ...second!, data: { ...second!.data, amountFen: 1 } };
    await expect(copy.copyRecorded([first!, edited, third!])).rejects.toMatchObject({
      name: 'LogDivergedError',
      position: second!.position,
    });
    await expect(copy.copyRecorded([first!, third!])).rejects.toBeInstanceOf(LogDivergedError);
    expect(await copy.headPosition()).toBe(head);
    await copy.copyRecorded([first!, second!, third!]);
    expect(await rows(copyPool)).toEqual(await rows(sourcePool));
    // delivered again (another instance's mirror got there first): the same events change nothing,
    // a different event at a copied position is refused
    await copy.copyRecorded([first!, second!, third!]);
    await expect(copy.copyRecorded([edited])).rejects.toMatchObject({
      name: 'LogDivergedError',
      position: second!.position,
      problem: 'already copied as another event',
    });
    expect(await rows(copyPool)).toEqual(await rows(sourcePool));
  });

  it('lets two mirrors (two service instances) copy into the same PostgreSQL log at once, each event once', async () => {
    const mirrors = [
      new LogMirror(new PostgresEventStore(sourcePool), copy),
      new LogMirror(new PostgresEventStore(sourcePool), copy),
    ];
    await Promise.all(mirrors.map((m) => m.start()));
    const appended = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        source.append({
          streams: [{ streamId: `both-${i % 9}`, expectedVersion: 'any', events: [event(i)] }],
        }),
      ),
    );
    const last = Math.max(...appended.map((r) => r.position));
    expect(await Promise.all(mirrors.map((m) => m.waitFor(last, 10_000)))).toEqual([true, true]);
    await Promise.all(mirrors.map((m) => m.close()));
    expect(await rows(copyPool)).toEqual(await rows(sourcePool));
  });

  it('makes reads of the PostgreSQL log wait until the copy holds every acknowledged write, else 503', async () => {
    const mirror = new LogMirror(new PostgresEventStore(sourcePool), copy);
    const config = loadConfig({
      LEDGER_API_KEYS: JSON.stringify({ 'admin-key-0123456789': ['admin'] }),
    });
    const readModels = new ReadModels(copyPool, source, copy, config, mirror);
    await mirror.start();
    await source.append({
      streams: [
        {
          streamId: `ryw-${randomUUID()}`,
          expectedVersion: 'no-stream',
          events: [event(1), event(2)],
        },
      ],
    });
    await readModels.ready({ now: ['log'] });
    expect(await copy.headPosition()).toBe(await source.headPosition());
    await mirror.close();
    await source.append({
      streams: [
        { streamId: `ryw-${randomUUID()}`, expectedVersion: 'no-stream', events: [event(3)] },
      ],
    });
    await expect(readModels.ready({ now: ['log'] })).rejects.toMatchObject({
      status: 503,
      code: 'projection-lagging',
    });
  });
});
