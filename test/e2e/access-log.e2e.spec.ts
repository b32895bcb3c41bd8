import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { principalFor } from '../../src/auth/principal.js';
import { verifyAccessLog } from '../../src/privacy/application/access-log.js';
import { residentId } from '../support/people.js';
import { runCli } from '../support/run-cli.js';
import { startTestApp, testKeys, type TestApp } from '../support/test-app.js';

// Issue 14 item 6: every read of a resident ID in clear is a row of the chained access log
// (who, role, when, which person, which endpoint), none for a masked read; GET /access-log reads
// it; `ledger access-log verify` recomputes its SM3 chain and names an edited or removed row; a
// read whose row cannot be written does not answer. Needs the built CLI (npm run build).

const actorOf = (role: keyof typeof testKeys) =>
  principalFor(testKeys[role], { roles: [role] }).actor;

describe('the access log of clear reads', () => {
  let t: TestApp;
  let personId: string;
  let nationalId: string;

  beforeAll(async () => {
    t = await startTestApp();
    nationalId = residentId('1971-03-04');
    personId = (
      await t
        .post(
          '/persons',
          { nationalId, name: '孙', birthDate: '1971-03-04', regionCode: '370800' },
          'clerk',
        )
        .expect(201)
    ).body.personId as string;
  });
  afterAll(async () => t.close());

  const rows = async () =>
    (
      await t.db.query<{ seq: string; role: string; endpoint: string }>(
        'SELECT a.seq::text AS seq, a.role, a.endpoint FROM access_log a WHERE a.person_id = $1 ORDER BY a.seq',
        [personId],
      )
    ).rows;

  it('writes one row per clear read and none for a masked read', async () => {
    const started = Date.now();
    expect((await t.get(`/persons/${personId}`, 'investigator').expect(200)).body.nationalId).toBe(
      nationalId,
    );
    await t.get(`/persons/${personId}`, 'clerk').expect(200);
    await t.get(`/persons/${personId}/history`, 'investigator').expect(200);
    await t.get(`/persons/${personId}`, 'admin').expect(200);
    expect(await rows()).toHaveLength(4);
    // masked: the auditor's reads record nothing
    const masked = await t.get(`/persons/${personId}`, 'auditor').expect(200);
    expect(masked.body.nationalId).not.toBe(nationalId);
    await t.get(`/persons/${personId}/history`, 'auditor').expect(200);
    await t.get(`/persons/${personId}/usage?year=2023`, 'auditor').expect(200);
    expect(await rows()).toHaveLength(4);

    const log = await t.get(`/access-log?personId=${personId}`, 'investigator').expect(200);
    expect(log.body.entries.map((e: Record<string, unknown>) => ({ ...e, at: undefined }))).toEqual(
      [
        ['investigator', 'GET /persons/{personId}'],
        ['clerk', 'GET /persons/{personId}'],
        ['investigator', 'GET /persons/{personId}/history'],
        ['admin', 'GET /persons/{personId}'],
      ].map(([role, endpoint]) => ({
        at: undefined,
        actor: actorOf(role as keyof typeof testKeys),
        role,
        personId,
        endpoint,
      })),
    );
    for (const { at } of log.body.entries as { at: string }[]) {
      expect(Date.parse(at)).toBeGreaterThanOrEqual(started - 1000);
      expect(Date.parse(at)).toBeLessThanOrEqual(Date.now());
    }
    // reading the log records nothing, and holds no resident ID
    expect(JSON.stringify(log.body)).not.toContain(nationalId);
    await t.get('/access-log', 'admin').expect(200);
    expect(await rows()).toHaveLength(4);
  });

  it('is read by admin and investigator only, and checks personId', async () => {
    for (const role of ['clerk', 'auditor', 'finance', 'institution'] as const)
      await t.get(`/access-log?personId=${personId}`, role).expect(403);
    const bad = await t.get('/access-log?personId=someone', 'admin').expect(400);
    expect(bad.body.errors[0].field).toBe('personId');
  });

  it('does not answer a clear read whose row cannot be written (503), while masked reads go on', async () => {
    await t.db.query('REVOKE INSERT ON access_log FROM ledger_service');
    try {
      const refused = await t.get(`/persons/${personId}`, 'investigator');
      expect(refused.status).toBe(503);
      expect(refused.body.code).toBe('access-log-unavailable');
      expect(JSON.stringify(refused.body)).not.toContain(nationalId);
      const history = await t.get(`/persons/${personId}/history`, 'investigator');
      expect(history.status).toBe(503);
      await t.get(`/persons/${personId}`, 'auditor').expect(200);
    } finally {
      await t.db.query('GRANT INSERT ON access_log TO ledger_service');
    }
    await t.get(`/persons/${personId}`, 'investigator').expect(200);
    expect(await rows()).toHaveLength(5);
  });

  it('keeps one chain under 30 concurrent clear reads: 30 more rows, seq without gaps, in order', async () => {
    const reads = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.get(`/persons/${personId}${i % 2 ? '/history' : ''}`, 'investigator'),
      ),
    );
    expect(reads.map((r) => r.status)).toEqual(Array(30).fill(200));
    expect((await rows()).map((r) => Number(r.seq))).toEqual(
      Array.from({ length: 35 }, (_, i) => i + 1),
    );
    expect(await verifyAccessLog(t.db)).toEqual({
      ok: true,
      rowsChecked: 35,
      firstBadSeq: null,
      problem: null,
    });
    const log = await t.get(`/access-log?personId=${personId}`, 'admin').expect(200);
    expect(log.body.entries).toHaveLength(35);
    const times = (log.body.entries as { at: string }[]).map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('verifies its chain, and names the row an owner edited, then the row an owner removed', async () => {
    const ok = await runCli(t.databaseUrl, ['access-log', 'verify']);
    expect(ok.stdout).toContain('access log ok: 35 rows');
    expect(ok.code).toBe(0);
    const tamper = async (sql: string) =>
      t.db.query(
        `ALTER TABLE access_log DISABLE TRIGGER USER; ${sql}; ALTER TABLE access_log ENABLE TRIGGER USER`,
      );
    await tamper("UPDATE access_log SET endpoint = 'GET /health' WHERE seq = 3");
    const edited = await runCli(t.databaseUrl, ['access-log', 'verify']);
    expect(edited.stdout).toContain(
      'access log BROKEN at row 3: the hash of access-log row 3 does not match its content and predecessor (2 rows verified before it)',
    );
    expect(edited.code).toBe(1);
    await tamper(
      "UPDATE access_log SET endpoint = 'GET /persons/{personId}/history' WHERE seq = 3",
    );
    expect((await runCli(t.databaseUrl, ['access-log', 'verify'])).code).toBe(0);
    await tamper('DELETE FROM access_log WHERE seq = 2');
    const removed = await runCli(t.databaseUrl, ['access-log', 'verify']);
    expect(removed.stdout).toContain(
      'access log BROKEN at row 2: access-log row 2 is missing (next stored is 3)',
    );
    expect(removed.code).toBe(1);
  });
});
