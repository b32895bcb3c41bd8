import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { checkpointsSchemaSql, ProjectionRunner } from '../../projections/projection-runner.js';
import { quoteIdent, type Projection } from '../../projections/projection.js';
import type { EventStore, RecordedEvent } from '../../src/eventstore/event-store.port.js';
import { createTestDatabase } from '../support/test-database.js';

// The runner applies a delivery of the log to every projection and moves their checkpoints in one
// transaction, opened with the checkpoint lock and closed with the move in one round trip each:
// all of a delivery or none of it, and a redelivered event changes nothing.

const schema = 'runner_check';

/** A read model of one table: the positions of the events it was given. */
function positions(name: string, failOn?: number): Projection {
  const table = `${quoteIdent(schema)}.${quoteIdent(name.replace(/-/g, '_'))}`;
  return {
    name,
    canHandle: ['Seen'],
    tables: [name],
    partitionable: true,
    schemaSql: () => `CREATE TABLE ${table} (position bigint PRIMARY KEY)`,
    apply: async (client, _schema, events) => {
      if (events.some((e) => e.position === failOn)) throw new Error(`refused ${failOn}`);
      await client.query(`INSERT INTO ${table} SELECT unnest($1::bigint[])`, [
        events.map((e) => e.position),
      ]);
    },
  };
}

function seen(position: number): RecordedEvent {
  return {
    eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type: 'Seen',
    schemaVersion: 1,
    data: {},
    metadata: {},
    streamId: 'seen',
    streamVersion: position,
    position,
    recordedAt: '2026-01-01T00:00:00.000Z',
    hash: '00',
  };
}

describe('ProjectionRunner.applyBatch', () => {
  let pool: pg.Pool;
  const first = positions('first');
  const second = positions('second', 5);
  const unusedStore = {} as EventStore;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: await createTestDatabase({ migrate: false }), max: 1 });
    await pool.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
    await pool.query(checkpointsSchemaSql(schema));
    for (const p of [first, second]) await pool.query(p.schemaSql(schema));
    await pool.query(
      `INSERT INTO ${quoteIdent(schema)}.projection_checkpoints VALUES ('first', 0), ('second', 0)`,
    );
  });
  afterAll(async () => {
    await pool.end();
  });

  const checkpoints = async () =>
    (
      await pool.query<{ name: string; position: string }>(
        `SELECT name, position::text AS position FROM ${quoteIdent(schema)}.projection_checkpoints ORDER BY name`,
      )
    ).rows.map((r) => [r.name, Number(r.position)]);
  const rows = async (name: string) =>
    (
      await pool.query<{ position: string }>(
        `SELECT position::text AS position FROM ${quoteIdent(schema)}.${quoteIdent(name)} ORDER BY position`,
      )
    ).rows.map((r) => Number(r.position));

  it('applies a delivery to every projection and moves their checkpoints to its last event', async () => {
    await new ProjectionRunner(pool, unusedStore, [first, second], schema).applyBatch([
      seen(1),
      seen(2),
    ]);
    expect(await checkpoints()).toEqual([
      ['first', 2],
      ['second', 2],
    ]);
    expect(await rows('first')).toEqual([1, 2]);
    expect(await rows('second')).toEqual([1, 2]);
  });

  it('records nothing of a delivery one projection refuses, and the next delivery goes on the same connection', async () => {
    const runner = new ProjectionRunner(pool, unusedStore, [first, second], schema);
    await expect(runner.applyBatch([seen(3), seen(4), seen(5)])).rejects.toThrow('refused 5');
    expect(await checkpoints()).toEqual([
      ['first', 2],
      ['second', 2],
    ]);
    expect(await rows('first')).toEqual([1, 2]);
    await new ProjectionRunner(pool, unusedStore, [first], schema).applyBatch([seen(3), seen(4)]);
    expect(await checkpoints()).toEqual([
      ['first', 4],
      ['second', 2],
    ]);
  });

  it('skips what a projection applied already: a redelivery changes nothing, a late one gets only its own events', async () => {
    const runner = new ProjectionRunner(pool, unusedStore, [first, positions('second')], schema);
    await runner.applyBatch([seen(3), seen(4)]);
    expect(await rows('first')).toEqual([1, 2, 3, 4]);
    expect(await rows('second')).toEqual([1, 2, 3, 4]);
    await runner.applyBatch([seen(1), seen(2), seen(3), seen(4)]);
    expect(await checkpoints()).toEqual([
      ['first', 4],
      ['second', 4],
    ]);
    expect(await rows('first')).toEqual([1, 2, 3, 4]);
  });
});
