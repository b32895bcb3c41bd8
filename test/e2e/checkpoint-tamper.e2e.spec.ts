import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coveredPerson, inpatient } from '../support/claims.js';
import { runCli } from '../support/run-cli.js';
import { registerInstitutions } from '../support/institutions.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ledgerLogReader } from '../../src/eventstore/ledger-log-reader.js';
import { chainHash, genesisHash } from '../../src/eventstore/tamper-evidence.js';
import type { RecordedEvent } from '../../src/eventstore/event-store.port.js';
import { verifyChain } from '../../src/ledger/application/chain-verifier.js';
import { verifyCheckpoints } from '../../src/ledger/application/checkpoint-verifier.js';
import { MerkleStore } from '../../src/ledger/application/merkle-store.js';
import { loadSigningKey } from '../../src/ledger/application/signing-key-file.js';
import { signCheckpoint, type Checkpoint } from '../../src/ledger/domain/checkpoint.js';
import { parsePublicKeyPem } from '../../src/ledger/domain/sm2-keys.js';
import { leafHash, rootOfLeaves } from '../../src/ledger/domain/merkle-tree.js';
import type { Sm2PublicKey } from '../../src/ledger/domain/sm2.js';

// Issue 14's attacks on a log an auditor holds a signed checkpoint of. The attacker owns the
// database (switches the append-only trigger off) and recomputes every later chain hash, so
// `ledger verify`'s chain check alone passes; the kept checkpoint still catches each attack and
// names it. The CLI runs the same checks (dist/, built by `npm run build`).

describe('tamper evidence against a kept checkpoint', () => {
  let t: TestApp;
  let kept: Checkpoint;
  let publicKey: Sm2PublicKey;
  let head: number;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp();
    // the institution of the inpatient() fixture, as the registry knows it
    await registerInstitutions(t, { institutionId: 'H370800001', level: 'tertiary' });
    for (let i = 0; i < 3; i += 1) {
      const personId = await coveredPerson(t, 'minimum-living-allowance');
      head = (await t.post('/claims', inpatient(personId), 'institution').expect(201)).body
        .position;
    }
    kept = (await t.post('/ledger/checkpoints', { reason: 'audit' }, 'finance').expect(201)).body;
    expect(kept.treeSize).toBe(head);
    publicKey = parsePublicKeyPem(
      (await t.get('/ledger/public-key', 'auditor').expect(200)).body.publicKeyPem,
    )!;
    dir = mkdtempSync(join(tmpdir(), 'ledger-kept-'));
    writeFileSync(join(dir, 'kept.json'), JSON.stringify(kept));
    writeFileSync(
      join(dir, 'key.pem'),
      (await t.get('/ledger/public-key', 'auditor')).body.publicKeyPem,
    );
  });
  afterAll(async () => t.close());

  const log = () => ledgerLogReader(t.db);
  const check = (checkpoints: Checkpoint[] = [kept]) =>
    verifyCheckpoints(log(), checkpoints, publicKey, (from, n) =>
      new MerkleStore(t.db).leaves(from, n),
    );

  async function asOwner(sql: string, params: unknown[] = []): Promise<void> {
    const client = await t.db.connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
      await client.query(sql, params);
      await client.query('ALTER TABLE events ENABLE TRIGGER events_append_only');
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  /** Runs an attack, checks, and puts the log back as it was. */
  async function attack<T>(work: () => Promise<T>): Promise<T> {
    await asOwner('CREATE TABLE events_saved AS SELECT * FROM events');
    try {
      return await work();
    } finally {
      await asOwner(
        'DELETE FROM events; INSERT INTO events SELECT * FROM events_saved; DROP TABLE events_saved',
      );
    }
  }

  /** Writes the events back with every chain hash from the first changed one on recomputed. */
  async function rewrite(
    edit: (events: RecordedEvent[]) => RecordedEvent[],
  ): Promise<RecordedEvent[]> {
    const events = edit(await log().storedFrom(1, 10000));
    let previous = genesisHash;
    const rewritten = events.map(({ hash: _, ...fields }) => {
      const hash = chainHash(previous, fields);
      previous = hash;
      return { ...fields, hash };
    });
    for (const e of rewritten)
      await asOwner(
        `UPDATE events SET stream_id = $2, stream_version = $3, event_id = $4, type = $5, data = $6, metadata = $7, hash = $8 WHERE position = $1`,
        [
          e.position,
          e.streamId,
          e.streamVersion,
          e.eventId,
          e.type,
          e.data,
          e.metadata,
          Buffer.from(e.hash, 'hex'),
        ],
      );
    return rewritten;
  }

  it('passes an untouched log, in process and through `ledger verify --checkpoint`', async () => {
    const result = await check();
    expect(result).toMatchObject({
      ok: true,
      eventsChecked: head,
      problems: [],
      currentRoot: kept.rootHash,
    });
    const cli = await runCli(t.databaseUrl, [
      'verify',
      '--checkpoint',
      join(dir, 'kept.json'),
      '--public-key',
      join(dir, 'key.pem'),
    ]);
    expect(cli.stdout).toContain(`checkpoint ok: size ${head}`);
    expect(cli.code).toBe(0);
  });

  it('names an edit with every later hash recomputed: the chain passes, the root check fails at the position', async () => {
    const at = head - 3;
    await attack(async () => {
      await rewrite((events) =>
        events.map((e) =>
          e.position === at ? { ...e, metadata: { ...e.metadata, actor: 'forger' } } : e,
        ),
      );
      expect((await verifyChain(log())).ok).toBe(true);
      const result = await check();
      expect(result.ok).toBe(false);
      expect(result.problems).toEqual([
        expect.objectContaining({ check: 'root', treeSize: head, position: at }),
      ]);
      const cli = await runCli(t.databaseUrl, [
        'verify',
        '--checkpoint',
        join(dir, 'kept.json'),
        '--public-key',
        join(dir, 'key.pem'),
      ]);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain(`checkpoint ROOT FAILED (tree size ${head}) at position ${at}`);
    });
  });

  it('names a truncation: the log is shorter than the kept checkpoint', async () => {
    await attack(async () => {
      await asOwner('DELETE FROM events WHERE position > $1', [head - 2]);
      expect((await verifyChain(log())).ok).toBe(true);
      const result = await check();
      expect(result.problems).toEqual([
        expect.objectContaining({ check: 'truncation', treeSize: head, position: head - 1 }),
      ]);
      const cli = await runCli(t.databaseUrl, [
        'verify',
        '--checkpoint',
        join(dir, 'kept.json'),
        '--public-key',
        join(dir, 'key.pem'),
      ]);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain('checkpoint TRUNCATION FAILED');
    });
  });

  it('names a swap of two events (their contents exchanged, ids and places kept): recomputed, the root fails at the first swapped position; not, the chain fails there', async () => {
    const [a, b] = [2, 5];
    await attack(async () => {
      await rewrite((events) =>
        events.map((e) => {
          const other = e.position === a ? events[b - 1]! : e.position === b ? events[a - 1]! : e;
          return { ...e, type: other.type, data: other.data, metadata: other.metadata };
        }),
      );
      const result = await check();
      expect(result.problems).toEqual([expect.objectContaining({ check: 'root', position: a })]);
    });
    await attack(async () => {
      await asOwner(
        `UPDATE events SET data = CASE position WHEN $1 THEN (SELECT data FROM events_saved WHERE position = $2) ELSE (SELECT data FROM events_saved WHERE position = $1) END WHERE position IN ($1, $2)`,
        [a, b],
      );
      const result = await check();
      // the hashes are untouched, so the tree (over the hashes) still matches: the chain catches it
      expect(result.problems).toEqual([expect.objectContaining({ check: 'chain', position: a })]);
    });
  });

  it('names a fork: two checkpoints of one size, both signed by the key, with different roots', async () => {
    const key = loadSigningKey(
      join(
        tmpdir(),
        'ledger-test-id-keys',
        `${new URL(t.databaseUrl).pathname.slice(1)}.signing.pem`,
      ),
    );
    await attack(async () => {
      const forged = await rewrite((events) =>
        events.map((e) =>
          e.position === 1 ? { ...e, metadata: { ...e.metadata, actor: 'other' } } : e,
        ),
      );
      const root = rootOfLeaves(forged.map((e) => leafHash(e.hash))).toString('hex');
      const other = signCheckpoint(
        kept.origin,
        head,
        root,
        new Date().toISOString(),
        key.privateKey,
        key.publicKey,
      );
      const result = await check([kept, other]);
      expect(result.problems).toEqual([
        expect.objectContaining({ check: 'fork', treeSize: head }),
        expect.objectContaining({ check: 'root', treeSize: head, position: 1 }),
      ]);
      writeFileSync(join(dir, 'other.json'), JSON.stringify(other));
      const cli = await runCli(t.databaseUrl, [
        'verify',
        '--checkpoint',
        join(dir, 'kept.json'),
        join(dir, 'other.json'),
        '--public-key',
        join(dir, 'key.pem'),
      ]);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain(`checkpoint FORK FAILED (tree size ${head})`);
    });
  });

  it('refuses a checkpoint not signed by the key it is checked with', async () => {
    const result = await check([{ ...kept, rootHash: '00'.repeat(32) }]);
    expect(result.problems.map((p) => p.check)).toEqual(['signature', 'root']);
  });

  it('verifies a receipt offline with `ledger verify-receipt`, and names the failing check of an edited one', async () => {
    const { rows } = await t.db.query<{ event_id: string }>(
      "SELECT event_id::text AS event_id FROM events WHERE type = 'ClaimSettled' ORDER BY position LIMIT 1",
    );
    const receipt = (await t.get(`/ledger/receipts/${rows[0]!.event_id}`, 'auditor').expect(200))
      .body;
    writeFileSync(join(dir, 'receipt.json'), JSON.stringify(receipt));
    const offline = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
    const ok = await runCli(
      t.databaseUrl,
      [
        'verify-receipt',
        '--receipt',
        join(dir, 'receipt.json'),
        '--public-key',
        join(dir, 'key.pem'),
      ],
      offline,
    );
    expect(ok.stdout).toContain(`receipt ok: event ${rows[0]!.event_id} (ClaimSettled)`);
    expect(ok.code).toBe(0);
    const amount = JSON.stringify(receipt).replace(
      /"totalCostFen":(\d+)/,
      (_, n: string) => `"totalCostFen":${Number(n) + 1}`,
    );
    expect(amount).not.toBe(JSON.stringify(receipt));
    writeFileSync(join(dir, 'edited.json'), amount);
    const bad = await runCli(
      t.databaseUrl,
      [
        'verify-receipt',
        '--receipt',
        join(dir, 'edited.json'),
        '--public-key',
        join(dir, 'key.pem'),
      ],
      offline,
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('FAIL chain-hash');
  });
});
