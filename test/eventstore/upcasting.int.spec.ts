import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Type } from '@sinclair/typebox';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { defineEvent } from '../../events/event-definition.js';
import { EventCatalogue } from '../../events/event-catalogue.js';
import { PostgresEventStore } from '../../src/eventstore/postgres/postgres-event-store.js';
import { createTestDatabase } from '../support/test-database.js';

// A stored event of an older schema version is read back as the current version through the
// catalogue's upcasters; the stored row (and so its hash) is untouched.

const GrantNoted = defineEvent({
  type: 'GrantNoted',
  version: 3,
  description: 'test event whose schema changed twice',
  schema: Type.Object({
    amountFen: Type.Integer(),
    currency: Type.Literal('CNY'),
    note: Type.String(),
  }),
  upcasters: {
    1: (data) => ({ amountFen: Number(data.amountYuan) * 100, note: data.note }), // v1 had yuan
    2: (data) => ({ ...data, currency: 'CNY' }),
  },
});

describe('upcasting on read', () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: await createTestDatabase(), max: 2 });
  });
  afterAll(async () => pool.end());

  it('reads a version 1 event back as version 3', async () => {
    const catalogue = new EventCatalogue([GrantNoted]);
    const writer = new PostgresEventStore(pool); // as an older release wrote it
    await writer.append({
      streams: [
        {
          streamId: 'grant-1',
          expectedVersion: 'no-stream',
          events: [
            {
              eventId: randomUUID(),
              type: 'GrantNoted',
              schemaVersion: 1,
              data: { amountYuan: 12, note: '旧' },
              metadata: {},
            },
          ],
        },
      ],
    });
    const reader = new PostgresEventStore(pool, { upcast: (e) => catalogue.upcast(e) });
    const [event] = await reader.readStream('grant-1');
    expect(event).toMatchObject({
      type: 'GrantNoted',
      schemaVersion: 3,
      data: { amountFen: 1200, currency: 'CNY', note: '旧' },
    });
    expect(() => catalogue.validate(event!)).not.toThrow();
    const { rows } = await pool.query(
      "SELECT schema_version, data FROM events WHERE stream_id = 'grant-1'",
    );
    expect(rows[0]).toEqual({ schema_version: 1, data: { amountYuan: 12, note: '旧' } });
  });

  it('refuses to update or delete a stored event', async () => {
    await expect(
      pool.query("UPDATE events SET data = '{}' WHERE stream_id = 'grant-1'"),
    ).rejects.toThrow(/append-only/);
    await expect(pool.query("DELETE FROM events WHERE stream_id = 'grant-1'")).rejects.toThrow(
      /append-only/,
    );
    await expect(pool.query('TRUNCATE events')).rejects.toThrow(/append-only/);
  });
});
