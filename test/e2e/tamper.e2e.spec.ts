import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { coveredPerson, inpatient } from '../support/claims.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { registerInstitutions } from '../support/institutions.js';

// An attacker with database access edits, deletes or swaps stored events (disabling the
// append-only triggers first, as a superuser could). GET /ledger/verify names the first bad position.

describe('tamper evidence', () => {
  let t: TestApp;
  let head: number;
  beforeAll(async () => {
    t = await startTestApp();
    await registerInstitutions(t, { institutionId: 'H370800001', level: 'tertiary' });
    for (let i = 0; i < 3; i += 1) {
      const personId = await coveredPerson(t, 'minimum-living-allowance');
      head = (await t.post('/claims', inpatient(personId), 'institution').expect(201)).body
        .position;
    }
  });
  afterAll(async () => t.close());

  async function tamper(sql: string, params: unknown[] = []): Promise<void> {
    const client = await t.db.connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
      await client.query(sql, params);
      await client.query('ALTER TABLE events ENABLE TRIGGER events_append_only');
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  }

  async function snapshotRestore<T>(work: () => Promise<T>): Promise<T> {
    const client = await t.db.connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
      await client.query('CREATE TABLE IF NOT EXISTS events_saved AS SELECT * FROM events');
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const result = await work();
    await tamper(
      'DELETE FROM events; INSERT INTO events SELECT * FROM events_saved; DROP TABLE events_saved',
    );
    return result;
  }

  it('verifies an untouched log', async () => {
    const res = await t.get('/ledger/verify', 'auditor').expect(200);
    expect(res.body).toEqual({
      ok: true,
      eventsChecked: head,
      firstBadPosition: null,
      problem: null,
    });
    await t.get('/ledger/verify', 'clerk').expect(403);
  });

  it("detects an edited payload at the edited event's position", async () => {
    const body = await snapshotRestore(async () => {
      await tamper(
        `UPDATE events SET data = jsonb_set(data, '{breakdown,basicFen}', '1') WHERE position = $1`,
        [head - 1],
      );
      return (await t.get('/ledger/verify', 'auditor').expect(200)).body;
    });
    expect(body).toMatchObject({ ok: false, firstBadPosition: head - 1, eventsChecked: head - 2 });
  });

  it('detects a deleted event at its position', async () => {
    const body = await snapshotRestore(async () => {
      await tamper('DELETE FROM events WHERE position = 5');
      return (await t.get('/ledger/verify', 'auditor').expect(200)).body;
    });
    expect(body).toMatchObject({ ok: false, firstBadPosition: 5 });
  });

  it('detects two swapped events at the first of them', async () => {
    const body = await snapshotRestore(async () => {
      await tamper(`UPDATE events SET data = CASE position WHEN 3 THEN (SELECT data FROM events WHERE position = 7) ELSE (SELECT data FROM events WHERE position = 3) END,
                                         type = CASE position WHEN 3 THEN (SELECT type FROM events WHERE position = 7) ELSE (SELECT type FROM events WHERE position = 3) END
                    WHERE position IN (3, 7)`);
      return (await t.get('/ledger/verify', 'auditor').expect(200)).body;
    });
    expect(body).toMatchObject({ ok: false, firstBadPosition: 3 });
    expect((await t.get('/ledger/verify', 'auditor').expect(200)).body.ok).toBe(true);
  });
});
