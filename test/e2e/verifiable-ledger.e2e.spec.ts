import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { coveredPerson, inpatient } from '../support/claims.js';
import { registerInstitutions } from '../support/institutions.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { parsePublicKeyPem } from '../../src/ledger/domain/sm2-keys.js';
import { checkpointSignedBy, parseCheckpointNote } from '../../src/ledger/domain/checkpoint.js';
import {
  leafHash,
  rootOfLeaves,
  verifyConsistency,
  verifyInclusion,
} from '../../src/ledger/domain/merkle-tree.js';
import { verifyReceipt, type Receipt } from '../../src/ledger/application/receipt.js';

// The verifiable ledger over HTTP on a real database (issue 14): the tree grown beside the log,
// its signed checkpoints, and every proof of a smaller tree checked by the auditor's verifier.

describe('verifiable ledger: checkpoints, proofs and receipts', () => {
  let t: TestApp;
  let head: number;
  let leaves: Buffer[];
  let claimEventId: string;
  beforeAll(async () => {
    t = await startTestApp();
    // the institution of the inpatient() fixture, as the registry knows it
    await registerInstitutions(t, { institutionId: 'H370800001', level: 'tertiary' });
    for (let i = 0; i < 2; i += 1) {
      const personId = await coveredPerson(t, 'minimum-living-allowance');
      head = (await t.post('/claims', inpatient(personId), 'institution').expect(201)).body
        .position;
    }
    const { rows } = await t.db.query<{ hash: Buffer; event_id: string; type: string }>(
      'SELECT hash, event_id::text AS event_id, type FROM events ORDER BY position',
    );
    leaves = rows.map((r) => leafHash(r.hash.toString('hex')));
    claimEventId = rows.filter((r) => r.type === 'ClaimSettled').at(-1)!.event_id;
    expect(rows).toHaveLength(head);
  });
  afterAll(async () => t.close());

  const publicKey = async () => {
    const res = await t.get('/ledger/public-key', 'institution').expect(200);
    expect(res.body).toMatchObject({
      algorithm: 'SM2',
      keyId: expect.stringMatching(/^[0-9a-f]{8}$/),
    });
    return parsePublicKeyPem(res.body.publicKeyPem as string)!;
  };

  it('signs a checkpoint of the whole log whose root is the RFC 9162 root of the chain hashes', async () => {
    const res = await t.post('/ledger/checkpoints', { reason: 'test' }, 'finance').expect(201);
    expect(res.body.treeSize).toBe(head);
    expect(res.body.rootHash).toBe(rootOfLeaves(leaves).toString('hex'));
    expect(checkpointSignedBy(res.body, await publicKey())).toBe(true);
    expect(checkpointSignedBy({ ...res.body, treeSize: head - 1 }, await publicKey())).toBe(false);
    await t.post('/ledger/checkpoints', {}, 'finance').expect(400);
    await t.post('/ledger/checkpoints', { reason: 'x' }, 'clerk').expect(403);
    const latest = await t.get('/ledger/checkpoint', 'clerk').expect(200);
    expect(latest.body).toEqual(res.body);
  });

  it('serves the checkpoint as a C2SP note that reads back to the same signed checkpoint', async () => {
    const res = await t
      .get('/ledger/checkpoint', 'auditor')
      .set('Accept', 'text/plain')
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const lines = res.text.split('\n');
    expect(lines[0]).toBe('settlement-ledger');
    expect(lines[1]).toBe(String(head));
    expect(Buffer.from(lines[2]!, 'base64').toString('hex')).toBe(
      rootOfLeaves(leaves).toString('hex'),
    );
    expect(lines[3]).toBe('');
    expect(lines[4]).toMatch(/^\u2014 settlement-ledger [A-Za-z0-9+/]+=*$/);
    const parsed = parseCheckpointNote(res.text)!;
    expect(checkpointSignedBy(parsed, await publicKey())).toBe(true);
  });

  it('proves every event in every tree size up to the head, and each tree consistent with the head', async () => {
    for (let n = 1; n <= head; n += 1) {
      const root = rootOfLeaves(leaves.slice(0, n));
      for (let p = 1; p <= n; p += 1) {
        const res = await t
          .get(`/ledger/proofs/inclusion?position=${p}&treeSize=${n}`, 'institution')
          .expect(200);
        expect(res.body.leafIndex).toBe(p - 1);
        const path = (res.body.auditPath as string[]).map((h) => Buffer.from(h, 'hex'));
        expect(verifyInclusion(p - 1, n, leaves[p - 1]!, path, root)).toBe(true);
      }
      const c = await t
        .get(`/ledger/proofs/consistency?from=${n}&to=${head}`, 'auditor')
        .expect(200);
      expect(c.body).toMatchObject({ from: n, to: head });
      const proof = (c.body.proof as string[]).map((h) => Buffer.from(h, 'hex'));
      expect(verifyConsistency(n, head, root, rootOfLeaves(leaves), proof)).toBe(true);
    }
  });

  it('refuses proofs outside the tree, naming the field', async () => {
    const res = await t.get(`/ledger/proofs/inclusion?position=1&treeSize=${head + 5}`).expect(400);
    expect(res.body.errors[0].field).toBe('treeSize');
    const zero = await t.get('/ledger/proofs/inclusion?position=0&treeSize=1').expect(400);
    expect(zero.body.errors[0].field).toBe('position');
    const backwards = await t.get('/ledger/proofs/consistency?from=3&to=2').expect(400);
    expect(backwards.body.errors[0].field).toBe('from');
  });

  it('gives a receipt that the offline verifier accepts, and rejects when the event is changed', async () => {
    const res = await t.get(`/ledger/receipts/${claimEventId}`, 'auditor').expect(200);
    const receipt = res.body as Receipt;
    expect(receipt.event.eventId).toBe(claimEventId);
    const key = await publicKey();
    expect(verifyReceipt(receipt, key).map((c) => [c.check, c.ok])).toEqual([
      ['chain-hash', true],
      ['inclusion', true],
      ['signature', true],
    ]);
    const edited = {
      ...receipt,
      event: { ...receipt.event, data: { ...receipt.event.data, forged: 1 } },
    };
    expect(verifyReceipt(edited, key).find((c) => !c.ok)?.check).toBe('chain-hash');
    await t.get('/ledger/receipts/00000000-0000-4000-8000-000000000000', 'auditor').expect(404);
    await t.get('/ledger/receipts/nope', 'auditor').expect(400);
    await t.get(`/ledger/receipts/${claimEventId}`, 'institution').expect(403);
  });

  it('answers POST /claims with its receipt when asked (Prefer: return=receipt), and without it otherwise', async () => {
    const personId = await coveredPerson(t, 'minimum-living-allowance');
    const res = await t
      .post('/claims', inpatient(personId), 'institution')
      .set('Prefer', 'return=receipt')
      .expect(201);
    expect(res.headers['preference-applied']).toBe('return=receipt');
    const receipt = res.body.receipt as Receipt;
    expect(receipt.event).toMatchObject({
      type: 'ClaimSettled',
      data: { claimId: res.body.claimId },
    });
    expect(receipt.checkpoint.treeSize).toBeGreaterThanOrEqual(receipt.event.position);
    expect(verifyReceipt(receipt, await publicKey()).every((c) => c.ok)).toBe(true);
    const plain = await t.post('/claims', inpatient(personId), 'institution').expect(201);
    expect(plain.body.receipt).toBeUndefined();
  });
});
