import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coveredPerson, inpatient } from '../support/claims.js';
import { registerInstitutions } from '../support/institutions.js';
import { runCli } from '../support/run-cli.js';
import { startTestApp, testKeys, type TestApp } from '../support/test-app.js';

// `ledger reconcile ...` against the running service: the report on stdout, exit 0 when all
// agrees, 1 when anything disagrees, 2 when the service refuses the file.

const hospital = 'H370800911';

describe('ledger reconcile', () => {
  let t: TestApp;
  let dir: string;
  let invoiceNo: string;
  let env: Record<string, string>;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    t = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'ledger-reconcile-'));
    env = { LEDGER_URL: t.baseUrl, LEDGER_API_KEY: testKeys.finance };
    await registerInstitutions(t, { institutionId: hospital, level: 'tertiary' });
    const personId = await coveredPerson(t);
    // total 1,000,000, policy 800,000: basic (800,000 - 100,000) x 60% = 420,000 paid by the funds
    const claim = inpatient(personId, {
      institutionId: hospital,
      totalCostFen: 1000000,
      policyCostFen: 800000,
    });
    invoiceNo = claim.invoiceNo as string;
    const res = await t.post('/claims', claim, 'institution').expect(201);
    expect(res.body.breakdown.basicFen).toBe(420000);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('exits 0 and says AGREES when the hospital CSV matches the month', async () => {
    const csv = file(
      'agree.csv',
      `invoiceNo,totalCostFen,fundPaidFen\r\n${invoiceNo},1000000,420000\r\n`,
    );
    const run = await runCli(
      t.databaseUrl,
      [
        'reconcile',
        'institution',
        '--file',
        csv,
        '--institution-id',
        hospital,
        '--month',
        '2023-03',
      ],
      env,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^institution reconciliation \S+: AGREES$/m);
    expect(run.stdout).toContain('matched: 1');
    expect(run.stdout).toMatch(/file\s+1\s+1000000\s+420000/);
  });

  it('exits 1 and names each difference when a JSON file disagrees', async () => {
    const json = file(
      'disagree.json',
      JSON.stringify({
        institutionId: hospital,
        month: '2023-03',
        claims: [
          { invoiceNo, totalCostFen: 1000000, fundPaidFen: 400000 },
          { invoiceNo: 'INV-EXTRA', totalCostFen: 5000, fundPaidFen: 3000 },
        ],
      }),
    );
    const run = await runCli(t.databaseUrl, ['reconcile', 'institution', '--file', json], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/: DISAGREES$/m);
    expect(run.stdout).toContain(`  ${invoiceNo}  fundPaidFen  file 400000  ledger 420000`);
    expect(run.stdout).toContain('missing in the ledger: 1\n  INV-EXTRA');
    expect(run.stdout).toMatch(/file\s+2\s+1005000\s+403000/);
    expect(run.stdout).toMatch(/ledger\s+1\s+1000000\s+420000/);
  });

  it('reconciles collections and the assistance fund, 0 when they agree, 1 when not', async () => {
    const collections = file(
      'collections.json',
      JSON.stringify({ regionCode: '370800', from: '2023-01-01', to: '2023-01-31', payments: [] }),
    );
    const agreed = await runCli(
      t.databaseUrl,
      ['reconcile', 'collections', '--file', collections],
      env,
    );
    expect(agreed.code).toBe(0);
    expect(agreed.stdout).toContain('collections reconciliation');
    const fund = file(
      'fund.json',
      JSON.stringify({
        regionCode: '370800',
        quarter: '2023-Q1',
        treasury: { incomeFen: 100, expenseFen: 0, closingBalanceFen: 100 },
      }),
    );
    const differs = await runCli(
      t.databaseUrl,
      ['reconcile', 'assistance-fund', '--file', fund],
      env,
    );
    expect(differs.code).toBe(1);
    expect(differs.stdout).toMatch(/income\s+0\s+100\s+100/);
  });

  it('exits 2 with the refusal when the service refuses the file', async () => {
    const bad = file('bad.csv', 'invoiceNo,totalCostFen,fundPaidFen\nINV-1,12.5,1\n');
    const run = await runCli(
      t.databaseUrl,
      [
        'reconcile',
        'institution',
        '--file',
        bad,
        '--institution-id',
        hospital,
        '--month',
        '2023-03',
      ],
      env,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('line 2, totalCostFen');
    const auditorless = await runCli(t.databaseUrl, ['reconcile', 'institution', '--file', bad], {
      LEDGER_URL: t.baseUrl,
      LEDGER_API_KEY: testKeys.clerk,
    });
    expect(auditorless.code).toBe(2);
    expect(auditorless.stderr).toContain('403');
  });
});
