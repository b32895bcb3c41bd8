import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { coveredPerson, inpatient } from '../support/claims.js';
import { registerInstitutions } from '../support/institutions.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { balancesHash } from '../../src/ledger/domain/balances-hash.js';
import { checkpointSignedBy } from '../../src/ledger/domain/checkpoint.js';
import { parsePublicKeyPem } from '../../src/ledger/domain/sm2-keys.js';

// Period close (年度清算, issue 14 item 4) over HTTP on a real database: the seal, the refusal of
// every write dated in the sealed year, and a reversal of a sealed year's claim booked in the open year.

describe('period close', () => {
  let t: TestApp;
  let personId: string;
  let claimId: string;
  const fundsOf2023 = async () =>
    (
      (await t.get('/funds?year=2023', 'finance').expect(200)).body.funds as {
        account: string;
        year: number | null;
        creditsFen: number;
        debitsFen: number;
      }[]
    )
      .filter((f) => f.year === 2023)
      .map((f) => ({
        account: f.account,
        creditsFen: BigInt(f.creditsFen),
        debitsFen: BigInt(f.debitsFen),
      }));

  beforeAll(async () => {
    t = await startTestApp();
    // the institution of the inpatient() fixture, as the registry knows it
    await registerInstitutions(t, { institutionId: 'H370800001', level: 'tertiary' });
    await t
      .post(
        '/assistance-funds/370800/appropriations',
        { amountFen: 50000000, source: 'fiscal', receivedOn: '2023-01-05', reference: 'PC-1' },
        'clerk',
      )
      .expect(201);
    personId = await coveredPerson(t, 'minimum-living-allowance');
    claimId = (await t.post('/claims', inpatient(personId), 'institution').expect(201)).body
      .claimId;
  });
  afterAll(async () => t.close());

  it('seals 2023: the last position, the hash of every 2023 fund balance and a signed checkpoint of that size', async () => {
    const head = await t.eventCount();
    const funds = await fundsOf2023();
    expect(funds.length).toBeGreaterThan(0);
    const res = await t.post('/ledger/periods/2023/close', {}, 'finance').expect(201);
    expect(res.body).toMatchObject({
      year: 2023,
      lastPosition: head,
      balancesHash: balancesHash(funds),
    });
    expect(res.body.checkpoint.treeSize).toBe(head);
    const key = parsePublicKeyPem(
      (await t.get('/ledger/public-key', 'finance')).body.publicKeyPem,
    )!;
    expect(checkpointSignedBy(res.body.checkpoint, key)).toBe(true);
    const { rows } = await t.db.query<{ data: { year: number; lastPosition: number } }>(
      "SELECT data FROM events WHERE type = 'PeriodClosed'",
    );
    expect(rows.map((r) => [r.data.year, r.data.lastPosition])).toEqual([[2023, head]]);
  });

  it('refuses a second close with 409 already-closed, a bad year with 400, and other roles with 403', async () => {
    const again = await t.post('/ledger/periods/2023/close', {}, 'finance').expect(409);
    expect(again.body.code).toBe('already-closed');
    const bad = await t.post('/ledger/periods/23/close', {}, 'finance').expect(400);
    expect(bad.body.errors[0].field).toBe('year');
    await t.post('/ledger/periods/2024/close', {}, 'clerk').expect(403);
  });

  it('refuses every write dated in 2023 with 422 period-closed and records nothing', async () => {
    const before = await t.stateEventCount();
    const writes: [string, unknown, 'clerk' | 'institution'][] = [
      ['/claims', inpatient(personId), 'institution'],
      [
        '/assistance-funds/370800/appropriations',
        { amountFen: 100, source: 'donation', receivedOn: '2023-12-31', reference: 'PC-2' },
        'clerk',
      ],
      [
        '/enrollments',
        {
          personId,
          regionCode: '370800',
          coverageYear: 2023,
          category: 'adult',
          channel: 'late',
          enrolledOn: '2023-06-01',
        },
        'clerk',
      ],
    ];
    for (const [path, body, role] of writes) {
      const res = await t.post(path, body, role).expect(422);
      expect([path, res.body.code]).toEqual([path, 'period-closed']);
    }
    expect(await t.stateEventCount()).toBe(before);
  });

  it('books the reversal of a 2023 claim in the open year: the sealed 2023 balances do not move', async () => {
    const sealed = balancesHash(await fundsOf2023());
    await t
      .post(`/claims/${claimId}/reversal`, { reason: 'duplicate billing' }, 'investigator')
      .expect(201);
    const { rows } = await t.db.query<{
      data: { reversedOn: string; postings: { account: string }[] };
    }>("SELECT data FROM events WHERE type = 'ClaimReversed'");
    const year = rows[0]!.data.reversedOn.slice(0, 4);
    expect(year).not.toBe('2023');
    const funds = rows[0]!.data.postings
      .map((p) => p.account)
      .filter((a) => a.startsWith('fund:basic'));
    expect(funds).toEqual([`fund:basic:370800:${year}`]);
    expect(balancesHash(await fundsOf2023())).toBe(sealed);
  });
});
