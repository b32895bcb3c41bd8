import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { privilegeProblem, servicePrivileges } from '../../src/database/service-privileges.js';
import { createTestDatabase, serviceUrlOf } from '../support/test-database.js';

// Finding 4 of issue 11: the service's role (ledger_service, migration 1763800000008) can read and
// append to the log and keep its read models, and nothing that could change or hide the log.

describe('least privilege of the service role', () => {
  let ownerUrl: string;
  let service: pg.Client;
  let owner: pg.Client;

  beforeAll(async () => {
    ownerUrl = await createTestDatabase();
    owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    await owner.query(
      `INSERT INTO events (position, stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, hash)
       VALUES (1, 's-1', 1, gen_random_uuid(), 'Probe', 1, '{}', '{}', now(), '\\x00')`,
    );
    service = new pg.Client({ connectionString: serviceUrlOf(ownerUrl) });
    await service.connect();
  });

  afterAll(async () => {
    await service?.end();
    await owner?.end();
  });

  const refused = async (sql: string) => {
    const error = await service.query(sql).then(
      () => undefined,
      (e: unknown) => e as { code?: string; message: string },
    );
    return error;
  };

  it('connects as ledger_service: neither a superuser nor the owner of the log', async () => {
    const privileges = await servicePrivileges(service);
    expect(privileges).toEqual({ role: 'ledger_service', superuser: false, ownsLog: false });
    expect(privilegeProblem(privileges)).toBeUndefined();
    const ownerPrivileges = new pg.Client({ connectionString: ownerUrl });
    await ownerPrivileges.connect();
    expect(privilegeProblem(await servicePrivileges(ownerPrivileges))).toMatch(/superuser/);
    await ownerPrivileges.end();
  });

  it('may read and append to the log and the idempotency records', async () => {
    expect((await service.query('SELECT count(*)::int AS n FROM events')).rows[0].n).toBe(1);
    await service.query(
      `INSERT INTO events (position, stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, hash)
       VALUES (2, 's-1', 2, gen_random_uuid(), 'Probe', 1, '{}', '{}', now(), '\\x00')`,
    );
    await service.query(
      `INSERT INTO idempotency_keys (key, request_hash, status_code, body, position) VALUES ('k', 'h', 201, '{}', 2)`,
    );
    expect((await service.query('SELECT count(*)::int AS n FROM events')).rows[0].n).toBe(2);
  });

  it('may read and write every read model, checkpoint and relay table', async () => {
    const { rows } = await owner.query<{ table: string }>(
      "SELECT tablename AS table FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('events', 'idempotency_keys', 'schema_migrations', 'access_log', 'person_keys', 'merkle_nodes', 'ledger_checkpoints') ORDER BY 1",
    );
    expect(rows.map((r) => r.table)).toContain('institution_cost_stats');
    for (const { table } of rows) {
      const { rows: privileges } = await service.query<{ ok: boolean }>(
        "SELECT has_table_privilege(current_user, $1, 'SELECT') AND has_table_privilege(current_user, $1, 'INSERT') AND has_table_privilege(current_user, $1, 'UPDATE') AND has_table_privilege(current_user, $1, 'DELETE') AS ok",
        [`public.${table}`],
      );
      expect({ table, ok: privileges[0]!.ok }).toEqual({ table, ok: true });
    }
    await service.query("INSERT INTO projection_checkpoints (name, position) VALUES ('probe', 0)");
    await service.query("UPDATE projection_checkpoints SET position = 1 WHERE name = 'probe'");
    await service.query("DELETE FROM projection_checkpoints WHERE name = 'probe'");
  });

  it('may read, add and destroy personal data keys, never change one (issue 14)', async () => {
    const privilege = async (table: string, kind: string) =>
      (
        await service.query<{ ok: boolean }>(
          'SELECT has_table_privilege(current_user, $1, $2) AS ok',
          [`public.${table}`, kind],
        )
      ).rows[0]!.ok;
    expect(
      await Promise.all(
        ['SELECT', 'INSERT', 'DELETE', 'UPDATE', 'TRUNCATE'].map((k) =>
          privilege('person_keys', k),
        ),
      ),
    ).toEqual([true, true, true, false, false]);
    await service.query(
      "INSERT INTO person_keys (person_id, wrapped_key) VALUES ('per_probe', '{}')",
    );
    expect((await refused("UPDATE person_keys SET wrapped_key = 'x'"))?.message).toMatch(
      /permission denied/,
    );
    await service.query("DELETE FROM person_keys WHERE person_id = 'per_probe'");
  });

  it('may only INSERT and SELECT the access log: UPDATE, DELETE and TRUNCATE are refused, by grants and by triggers', async () => {
    await service.query(
      "INSERT INTO access_log (seq, at, actor, role, person_id, endpoint, hash) VALUES (1, now(), 'key:probe', 'investigator', 'per_probe', 'GET /persons/{personId}', '\\x00')",
    );
    expect((await service.query('SELECT count(*)::int AS n FROM access_log')).rows[0].n).toBe(1);
    for (const sql of [
      "UPDATE access_log SET endpoint = 'forged'",
      'DELETE FROM access_log',
      'TRUNCATE access_log',
      'ALTER TABLE access_log DISABLE TRIGGER access_log_append_only',
      'DROP TABLE access_log',
    ])
      expect((await refused(sql))?.message).toMatch(/permission denied|must be owner/);
    // the owner is held back by the triggers too (until it switches them off, which verification then names)
    await expect(owner.query("UPDATE access_log SET endpoint = 'forged'")).rejects.toThrow(
      /append-only/,
    );
    await expect(owner.query('DELETE FROM access_log')).rejects.toThrow(/append-only/);
    const { rows } = await owner.query<{ endpoint: string }>('SELECT endpoint FROM access_log');
    expect(rows).toEqual([{ endpoint: 'GET /persons/{personId}' }]);
  });

  it('may only read and append the Merkle tree and the signed checkpoints (issue 14)', async () => {
    for (const table of ['merkle_nodes', 'ledger_checkpoints']) {
      const { rows } = await service.query<{ read: boolean; insert: boolean; change: boolean }>(
        "SELECT has_table_privilege(current_user, $1, 'SELECT') AS read, has_table_privilege(current_user, $1, 'INSERT') AS insert, has_table_privilege(current_user, $1, 'UPDATE') OR has_table_privilege(current_user, $1, 'DELETE') OR has_table_privilege(current_user, $1, 'TRUNCATE') AS change",
        [`public.${table}`],
      );
      expect({ table, ...rows[0] }).toEqual({ table, read: true, insert: true, change: false });
    }
  });

  it.each([
    ['UPDATE of the log', "UPDATE events SET type = 'Forged' WHERE position = 1"],
    ['DELETE from the log', 'DELETE FROM events WHERE position = 1'],
    ['TRUNCATE of the log', 'TRUNCATE events'],
    ['UPDATE of a stored response', 'UPDATE idempotency_keys SET status_code = 200'],
    ['DELETE of a stored response', 'DELETE FROM idempotency_keys'],
    ['TRUNCATE of the stored responses', 'TRUNCATE idempotency_keys'],
    [
      'switching the append-only trigger off',
      'ALTER TABLE events DISABLE TRIGGER events_append_only',
    ],
    ['switching every trigger off', 'ALTER TABLE events DISABLE TRIGGER ALL'],
    ['dropping the trigger', 'DROP TRIGGER events_append_only ON events'],
    [
      'replacing the trigger function',
      'CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
    ],
    ['replica mode (skips triggers)', 'SET session_replication_role = replica'],
    ['running a program on the server', "COPY (SELECT 1) TO PROGRAM 'true'"],
    ['reading a server file', "COPY events FROM '/etc/passwd'"],
    ['reading a server file by function', "SELECT pg_read_file('/etc/passwd')"],
    ['dropping the log', 'DROP TABLE events'],
    ['taking the log over', 'ALTER TABLE events OWNER TO ledger_service'],
    ['creating tables in the schema', 'CREATE TABLE public.shadow (x int)'],
    ['reading the migration history', 'SELECT * FROM schema_migrations'],
    ['granting itself more', 'ALTER ROLE ledger_service SUPERUSER'],
  ])('refuses %s', async (_what, sql) => {
    const error = await refused(sql);
    expect(error).toBeDefined();
    expect(error!.message).toMatch(
      /permission denied|must be owner|must be superuser|append-only|privilege/i,
    );
    const { rows } = await owner.query<{ n: number; forged: number }>(
      "SELECT count(*)::int AS n, count(*) FILTER (WHERE type = 'Forged')::int AS forged FROM events",
    );
    expect(rows[0]!.forged).toBe(0);
    expect(rows[0]!.n).toBe(2);
  });
});
