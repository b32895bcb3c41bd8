import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coveredPerson, inpatient } from '../support/claims.js';
import { registerInstitutions } from '../support/institutions.js';
import { runCli } from '../support/run-cli.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// `ledger simulate --region --year --changes file.json` (issue 15 item 4): the same computation as
// POST /policy-simulations, over the same database, printed for a reader (or as JSON), with plain
// progress lines on stderr when it is not a terminal. Needs the built CLI (dist/).

describe('ledger simulate', () => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-simulate-'));
  const changesFile = join(dir, 'changes.json');
  const badFile = join(dir, 'bad.json');
  const changes = { inpatient: { levels: { tertiary: { ratioBp: 6500 } } } };
  beforeAll(async () => {
    t = await startTestApp();
    await registerInstitutions(t, { institutionId: 'H370800001', level: 'tertiary' });
    const personId = await coveredPerson(t, 'minimum-living-allowance');
    await t.post('/claims', inpatient(personId), 'institution').expect(201);
    writeFileSync(changesFile, JSON.stringify(changes));
    writeFileSync(badFile, JSON.stringify({ inpatient: { annualCapFen: -1 } }));
  });
  afterAll(async () => t.close());

  it('prints the same answer as POST /policy-simulations (--json), recording nothing', async () => {
    const before = await t.eventCount();
    const cli = await runCli(t.databaseUrl, [
      'simulate',
      '--region',
      '370800',
      '--year',
      '2023',
      '--changes',
      changesFile,
      '--json',
    ]);
    expect(cli.code).toBe(0);
    const http = await t
      .post('/policy-simulations', { regionCode: '370800', coverageYear: 2023, changes }, 'finance')
      .expect(200);
    expect(JSON.parse(cli.stdout)).toEqual(http.body);
    // the worked example's first claim: basic 5,940,000 -> 6,435,000
    expect(http.body.differenceFen.basicFen).toBe(495000);
    expect(cli.stderr).toMatch(/^reading \d+\/\d+ \(100%\)$/m);
    expect(cli.stderr).not.toContain('\r');
    expect(await t.eventCount()).toBe(before);
  });

  it('prints the comparison for a reader: yuan with fen, by tier, category, level, persons at cap', async () => {
    const cli = await runCli(t.databaseUrl, [
      'simulate',
      '--region',
      '370802',
      '--year',
      '2023',
      '--changes',
      changesFile,
    ]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(
      '政策仿真 policy simulation: 370800-2023 (pooling region 370800, 2023)',
    );
    expect(cli.stdout).toContain('1 persons, 1 claims, 0 relief grants');
    expect(cli.stdout).toContain('inpatient.levels.tertiary.ratioBp 6000 -> 6500');
    expect(cli.stdout).toMatch(/基本医保 basic\s+59,400\.00\s+64,350\.00\s+4,950\.00/);
    expect(cli.stdout).toMatch(/再救助 re-assistance\s+2,859\.50\s+1,646\.75\s+-1,212\.75/);
    expect(cli.stdout).toMatch(/assistance\s+1\s+1\s+0/);
  });

  it('refuses a change the catalogue validation refuses with exit 2, naming the field', async () => {
    const cli = await runCli(t.databaseUrl, [
      'simulate',
      '--region',
      '370800',
      '--year',
      '2023',
      '--changes',
      badFile,
    ]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('changes.inpatient.annualCapFen');
    expect(cli.stdout).toBe('');
  });
});
