import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { projections } from '../../projections/index.js';
import { coveredPerson, inpatient } from '../support/claims.js';
import { runCli } from '../support/run-cli.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { institutionsAtEachLevel, registerInstitutions } from '../support/institutions.js';

// The ledger CLI against a realistic log written through the API: rebuilt projections equal the
// live ones, drift is found, the chain and the arithmetic verify, postings export as CSV.

async function tables(t: TestApp): Promise<Record<string, unknown[]>> {
  const all: Record<string, unknown[]> = {};
  for (const table of projections.flatMap((p) => p.tables)) {
    all[table] = (await t.db.query(`SELECT * FROM ${table} x ORDER BY to_jsonb(x)::text`)).rows;
  }
  return all;
}

describe('ledger CLI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await registerInstitutions(t, ...institutionsAtEachLevel);
    await t
      .post(
        '/assistance-funds/370800/appropriations',
        { amountFen: 300000000, source: 'lottery', receivedOn: '2023-02-01', reference: 'CP-1' },
        'clerk',
      )
      .expect(201);
    const categories = [
      'none',
      'minimum-living-allowance',
      'extreme-poverty',
      'poverty-relapse',
      'low-income-monitored',
    ];
    for (let i = 0; i < 10; i += 1) {
      const personId = await coveredPerson(t, categories[i % categories.length]);
      const claimIds: string[] = [];
      for (let c = 0; c < 3; c += 1) {
        const res = await t
          .post(
            '/claims',
            inpatient(personId, {
              institutionId: institutionsAtEachLevel[c]!.institutionId,
              institutionLevel: ['grassroots', 'secondary', 'tertiary'][c],
              totalCostFen: 200000 * (i + c + 1),
              policyCostFen: 150000 * (i + c + 1),
              dischargeDate: `2023-0${c + 3}-20`,
              admissionDate: `2023-0${c + 3}-01`,
            }),
            'institution',
          )
          .expect(201);
        claimIds.push(res.body.claimId);
        // corrections (90% of the cost, 140,000 of 150,000 per unit in policy) and re-adjudications
        // in the log too, so the rebuild and the drift check fold them; some corrected then reversed
        if ((i + c) % 4 === 1 || (i + c) % 8 === 0)
          await t
            .post(
              `/claims/${res.body.claimId}/correction`,
              {
                totalCostFen: 180000 * (i + c + 1),
                policyCostFen: 140000 * (i + c + 1),
                reason: '超标准收费',
              },
              'institution',
            )
            .expect(201);
        if ((i + c) % 4 === 0)
          await t
            .post(`/claims/${res.body.claimId}/reversal`, { reason: '追回' }, 'investigator')
            .expect(201);
      }
      // persons 0 and 5 (no category) found illness-impoverished (因病致贫) from 2023-03-01: their
      // year re-adjudicated owes them money; then person 0's third claim is reversed and person
      // 5's second corrected, after the re-adjudication
      if (i % 5 === 0) {
        await t
          .post(
            `/persons/${personId}/assistance-status`,
            {
              category: 'illness-impoverished',
              effectiveFrom: '2023-03-01',
              applicationRef: `YSQ-${i}`,
            },
            'clerk',
          )
          .expect(201);
        await t
          .post(
            `/persons/${personId}/readjudication`,
            { coverageYear: 2023, reason: '复核' },
            'clerk',
          )
          .expect(201);
        if (i === 0)
          await t
            .post(`/claims/${claimIds[2]}/reversal`, { reason: '追回' }, 'investigator')
            .expect(201);
        else
          await t
            .post(
              `/claims/${claimIds[1]}/correction`,
              { totalCostFen: 1000000, policyCostFen: 800000, reason: '超标准收费' },
              'institution',
            )
            .expect(201);
      }
      if (i % 5 === 1)
        await t
          .post(
            '/relief-grants',
            { personId, onDate: '2023-08-01', burdenFen: 500000, reference: `R-${i}` },
            'clerk',
          )
          .expect(201);
    }
    await t.get('/funds', 'finance').expect(200); // the projections have caught up
  }, 60000);
  afterAll(async () => t.close());

  it('prints help for every command', async () => {
    const help = await runCli(t.databaseUrl, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/projections/);
    expect(help.stdout).toMatch(/verify/);
    expect((await runCli(t.databaseUrl, ['projections', 'rebuild', 'nonsense'])).code).toBe(2);
  });

  it('rebuilds every projection from the log into tables equal to the live ones', async () => {
    const live = await tables(t);
    expect(live.claims_view).toHaveLength(30); // every claim in the view, reversed ones too
    // person 0's grassroots claim (i + c = 0 -> 200,000 fen) corrected to 180,000 then reversed;
    // person 0's secondary claim (i + c = 1 -> 400,000 fen) corrected to 360,000 and standing
    const corrected = (
      await t.db.query(
        "SELECT c.total_cost_fen::int AS total, c.basic_fen + c.critical_illness_fen + c.assistance_fen + c.re_assistance_fen AS fund, r.total_cost_fen::int AS rtotal, r.fund_paid_fen AS rfund FROM claims_view c JOIN reconciliation_claims r USING (claim_id) WHERE c.status = 'corrected' ORDER BY c.total_cost_fen",
      )
    ).rows;
    // i + c in {1, 5, 9}: 2 + 3 + 3 claims, and person 5's second claim after its re-adjudication
    expect(corrected.length).toBe(9);
    expect(corrected[0].total).toBe(360000);
    for (const row of corrected) {
      expect(row.rtotal).toBe(row.total); // the reconciliation compares the corrected cost
      expect(row.rfund).toBe(row.fund); // and the corrected fund shares
    }
    const events = await t.db.query(
      "SELECT type, count(*)::int AS n FROM events WHERE type IN ('ClaimCorrected', 'PersonYearReadjudicated') GROUP BY type ORDER BY type",
    );
    expect(events.rows).toEqual([
      { type: 'ClaimCorrected', n: 13 },
      { type: 'PersonYearReadjudicated', n: 2 },
    ]);
    const rebuilt = await runCli(t.databaseUrl, ['projections', 'rebuild', 'all']);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/postings: rebuilt up to position \d+/);
    expect(await tables(t)).toEqual(live);
    const status = await runCli(t.databaseUrl, ['projections', 'status']);
    expect(status.stdout).toMatch(/postings\s+checkpoint\s+\d+\s+behind 0/);
  });

  it('finds drift between the live tables and a fold of the log, and verify catches the fund mismatch', async () => {
    expect((await runCli(t.databaseUrl, ['projections', 'check'])).stdout).toMatch(
      /fund-balances: no drift/,
    );
    await t.db.query(
      "UPDATE fund_balances SET debits_fen = debits_fen + 1 WHERE account = 'fund:assistance:370800'",
    );
    const check = await runCli(t.databaseUrl, ['projections', 'check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/fund-balances: DRIFT/);
    expect(check.stdout).toMatch(/fund_balances: 1 rows missing, 1 rows unexpected/);
    const verify = await runCli(t.databaseUrl, ['verify']);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/fund fund:assistance:370800: balance/);
    expect((await runCli(t.databaseUrl, ['projections', 'rebuild', 'fund-balances'])).code).toBe(0);
    expect((await runCli(t.databaseUrl, ['projections', 'check'])).code).toBe(0);
  });

  it('verifies the chain and the arithmetic, and exits non-zero naming the first bad position', async () => {
    const ok = await runCli(t.databaseUrl, ['verify']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/chain ok: \d+ events/);
    const client = await t.db.connect();
    await client.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
    await client.query(
      'UPDATE events SET metadata = metadata || \'{"actor":"mallory"}\' WHERE position = 10',
    );
    const broken = await runCli(t.databaseUrl, ['verify']);
    await client.query("UPDATE events SET metadata = metadata - 'actor' WHERE position = 10");
    client.release();
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/chain BROKEN at position 10/);
  });

  it('exports postings of one account and business dates as CSV', async () => {
    const res = await runCli(t.databaseUrl, [
      'export',
      'postings',
      '--account',
      'fund:assistance:370800',
      '--from',
      '2023-01-01',
      '--to',
      '2023-12-31',
      '--format',
      'csv',
    ]);
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'position,line,event_id,event_type,account,debit_fen,credit_fen,business_date,recorded_at,subject_id',
    );
    expect(lines[1]).toMatch(
      /^\d+,1,[0-9a-f-]{36},AppropriationReceived,fund:assistance:370800,0,300000000,2023-02-01,/,
    );
    expect(lines.slice(1).every((l) => l.split(',')[4] === 'fund:assistance:370800')).toBe(true);
    expect((await runCli(t.databaseUrl, ['export', 'postings', '--from', '2023-02-30'])).code).toBe(
      2,
    );
  });
});
