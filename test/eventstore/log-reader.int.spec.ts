import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { RecordedEvent } from '../../src/eventstore/event-store.port.js';
import type { LogReader } from '../../src/eventstore/log-reader.port.js';
import { PostgresEventStore } from '../../src/eventstore/postgres/postgres-event-store.js';
import { PostgresLogReader } from '../../src/eventstore/postgres/postgres-log-reader.js';
import { createTestDatabase } from '../support/test-database.js';

// The log reader (the read side's one door to the log) over a real PostgreSQL log of nine events:
// 1 PersonRegistered p1, 2 ClaimSettled c1 at H1 (2023), 3 ClaimSettled c2 at H1 (2024),
// 4 ClaimSettled c3 at H2 (2023), 5 ClaimReversed c1, 6 DeathRecorded p1, 7 ClaimSettled c4 at H1
// (2023), 8 EnrollmentRegistered e1, 9 GrantRecorded g1 (schema version 1, upcast to 2).

const upcast = (e: RecordedEvent): RecordedEvent =>
  e.type === 'GrantRecorded' && e.schemaVersion === 1
    ? { ...e, schemaVersion: 2, data: { ...e.data, upcast: true } }
    : e;

describe('PostgreSQL log reader', () => {
  let pool: pg.Pool;
  let store: PostgresEventStore;
  let log: LogReader;
  let before: string;

  const append = (streamId: string, type: string, data: Record<string, unknown>) =>
    store.append({
      streams: [
        {
          streamId,
          expectedVersion: 'any',
          events: [{ eventId: randomUUID(), type, schemaVersion: 1, data, metadata: {} }],
        },
      ],
    });
  const settled = (claimId: string, institutionId: string, coverageYear: number) =>
    append('person-p1', 'ClaimSettled', {
      claimId,
      personId: 'p1',
      institutionId,
      coverageYear,
      breakdown: { assistanceFen: 300 },
      tiers: ['big'],
    });

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: await createTestDatabase(), max: 4 });
    store = new PostgresEventStore(pool, { upcast });
    log = new PostgresLogReader(pool, upcast);
    before = new Date(Date.now() - 60_000).toISOString();
    await append('person-p1', 'PersonRegistered', { personId: 'p1' });
    await settled('c1', 'H1', 2023);
    await settled('c2', 'H1', 2024);
    await settled('c3', 'H2', 2023);
    await append('person-p1', 'ClaimReversed', { claimId: 'c1', personId: 'p1' });
    await append('person-p1', 'DeathRecorded', { personId: 'p1' });
    await settled('c4', 'H1', 2023);
    await append('person-p1', 'EnrollmentRegistered', { enrollmentId: 'e1' });
    await append('grant-g1', 'GrantRecorded', { grantId: 'g1' });
  });
  afterAll(async () => {
    await store.close();
    await pool.end();
  });

  it('gives the head of the log, and 0 for an empty log', async () => {
    expect(await log.head()).toBe(9);
    expect(await store.headPosition()).toBe(9);
    const empty = new pg.Pool({ connectionString: await createTestDatabase(), max: 1 });
    expect(await new PostgresLogReader(empty).head()).toBe(0);
    await empty.end();
  });

  it('gives the last position recorded at or before an instant, 0 before the first', async () => {
    expect(await log.positionAsOf(before)).toBe(0);
    expect(await log.positionAsOf(new Date(Date.now() + 60_000).toISOString())).toBe(9);
  });

  it('finds the events about subjects in log order, within types, bounds and the count asked for', async () => {
    expect((await log.about(['c1'], { max: 10 })).map((e) => [e.position, e.type])).toEqual([
      [2, 'ClaimSettled'],
      [5, 'ClaimReversed'],
    ]);
    expect((await log.about(['c1'], { toPosition: 4, max: 10 })).map((e) => e.position)).toEqual([
      2,
    ]);
    expect(
      (await log.about(['c1', 'c3', 'e1'], { types: ['ClaimSettled'], max: 10 })).map(
        (e) => e.position,
      ),
    ).toEqual([2, 4]);
    expect((await log.about(['c1', 'c3', 'e1'], { max: 2 })).map((e) => e.position)).toEqual([
      2, 4,
    ]);
    expect(await log.about([], { max: 10 })).toEqual([]);
  });

  it('gives references with the subject, before a position, and by stream', async () => {
    expect(
      await log.refsAbout(['c4', 'c2'], { types: ['ClaimSettled'], beforePosition: 7, max: 10 }),
    ).toEqual([{ eventId: expect.any(String), position: 3, type: 'ClaimSettled', subject: 'c2' }]);
    expect(
      (
        await log.refsInStream('person-p1', { types: ['DeathRecorded'], beforePosition: 7, max: 1 })
      ).map((r) => r.position),
    ).toEqual([6]);
    expect(
      await log.refsInStream('person-p1', { types: ['DeathRecorded'], beforePosition: 6, max: 1 }),
    ).toEqual([]);
  });

  it("gives an institution's settlements up to a position, of one coverage year when asked", async () => {
    expect(
      (await log.settledAt('H1', { toPosition: 9, max: 10 })).map((e) => e.data.claimId),
    ).toEqual(['c1', 'c2', 'c4']);
    expect(
      (await log.settledAt('H1', { coverageYear: 2023, toPosition: 9, max: 10 })).map(
        (e) => e.data.claimId,
      ),
    ).toEqual(['c1', 'c4']);
    expect(
      (await log.settledAt('H1', { toPosition: 6, max: 10 })).map((e) => e.data.claimId),
    ).toEqual(['c1', 'c2']);
    // paged: after the first claim's position, the rest
    const [first] = await log.settledAt('H1', { toPosition: 9, max: 1 });
    expect(
      (await log.settledAt('H1', { toPosition: 9, afterPosition: first!.position, max: 10 })).map(
        (e) => e.data.claimId,
      ),
    ).toEqual(['c2', 'c4']);
  });

  it('gives chosen fields of events by id, nested paths included, as text', async () => {
    const [c1] = await log.about(['c1'], { types: ['ClaimSettled'], max: 1 });
    const fields = await log.fieldsOf([c1!.eventId], {
      institution: ['institutionId'],
      assistance: ['breakdown', 'assistanceFen'],
      absent: ['source'],
    });
    expect(fields.get(c1!.eventId)).toEqual({ institution: 'H1', assistance: '300', absent: null });
    await expect(
      log.fieldsOf([c1!.eventId], { bad: ["x'; DROP TABLE events; --"] }),
    ).rejects.toThrow(/plain names/);
  });

  it('folds the events of the given types up to a position, leaving out the omitted fields', async () => {
    const batches: RecordedEvent[][] = [];
    for await (const batch of log.foldBatches(7, {
      types: ['ClaimSettled', 'GrantRecorded'],
      omit: { ClaimSettled: ['tiers', 'coverageYear', 'absent'] },
      prefetch: true,
    }))
      batches.push(batch);
    const events = batches.flat();
    expect(events.map((e) => e.position)).toEqual([2, 3, 4, 7]);
    const claims = events.filter((e) => e.type === 'ClaimSettled');
    // every omitted field is gone, every other field is whole
    expect(claims.map((e) => e.data)).toEqual(
      ['c1', 'c2', 'c3', 'c4'].map((claimId, i) => ({
        claimId,
        personId: 'p1',
        institutionId: i === 2 ? 'H2' : 'H1',
        breakdown: { assistanceFen: 300 },
      })),
    );
  });

  it('upcasts what it reads, except the stored events the chain verifier hashes', async () => {
    expect((await log.about(['g1'], { max: 1 }))[0]).toMatchObject({
      schemaVersion: 2,
      data: { grantId: 'g1', upcast: true },
    });
    const stored = await log.storedFrom(8, 10);
    expect(stored.map((e) => e.position)).toEqual([8, 9]);
    expect(stored[1]).toMatchObject({ schemaVersion: 1, data: { grantId: 'g1' } });
    expect(stored[1]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
