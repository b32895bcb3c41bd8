import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { coveredPerson, inpatient } from '../support/claims.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { runCli } from '../support/run-cli.js';
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerInstitutions } from '../support/institutions.js';

// Policy 370800-2023: personal 38000, government subsidy 64000, critical-illness funding 10000 fen.
// A pays 38000 herself; B (低保) has it paid by the assistance fund; 5,000,000 yuan appropriated;
// B's claim is POLICY.md's worked example (basic 5940000, CI 2151500, assistance 1000000 + 285950).

describe('fund balances and the postings ledger over HTTP', () => {
  let t: TestApp;
  let beforeClaim: number;
  beforeAll(async () => {
    t = await startTestApp();
    await registerInstitutions(t, { institutionId: 'H370800001', level: 'tertiary' });
    await t
      .post(
        '/assistance-funds/370800/appropriations',
        { amountFen: 500000000, source: 'fiscal', receivedOn: '2023-01-05', reference: 'CZ-1' },
        'clerk',
      )
      .expect(201);
    await coveredPerson(t);
    const b = await coveredPerson(t, 'minimum-living-allowance');
    beforeClaim = await t.eventCount();
    await t.post('/claims', inpatient(b), 'institution').expect(201);
  });
  afterAll(async () => t.close());

  it('shows every fund right after the writes, balance = credits - debits, deficits included', async () => {
    const res = await t.get('/funds?regionCode=370800&year=2023', 'finance').expect(200);
    expect(res.body.funds).toEqual([
      {
        account: 'fund:assistance:370800',
        kind: 'assistance',
        regionCode: '370800',
        year: null,
        creditsFen: 500000000,
        debitsFen: 1323950,
        balanceFen: 498676050,
      },
      {
        account: 'fund:basic:370800:2023',
        kind: 'basic',
        regionCode: '370800',
        year: 2023,
        creditsFen: 204000,
        debitsFen: 5960000,
        balanceFen: -5756000,
      },
      {
        account: 'fund:critical-illness:370800:2023',
        kind: 'critical-illness',
        regionCode: '370800',
        year: 2023,
        creditsFen: 20000,
        debitsFen: 2151500,
        balanceFen: -2131500,
      },
    ]);
    await t.get('/funds', 'clerk').expect(403);
    expect((await t.get('/funds?year=23', 'finance').expect(400)).body.errors[0].field).toBe(
      'year',
    );
  });

  it('answers as of a position by folding the postings up to it', async () => {
    const res = await t
      .get(`/funds?regionCode=370800&asOfPosition=${beforeClaim}`, 'auditor')
      .expect(200);
    const basic = res.body.funds.find(
      (f: { account: string }) => f.account === 'fund:basic:370800:2023',
    );
    expect(basic).toMatchObject({ creditsFen: 204000, debitsFen: 20000, balanceFen: 184000 });
  });

  it('pages the postings ledger in log order, every line once, debits equal to credits', async () => {
    const lines: Array<{ position: number; debitFen: number; creditFen: number }> = [];
    let after = '0';
    for (let page = 0; page < 20; page += 1) {
      const res = await t.get(`/ledger/postings?limit=3&after=${after}`, 'auditor').expect(200);
      lines.push(...res.body.postings);
      if (!res.body.next) break;
      after = res.body.next;
    }
    expect(lines).toHaveLength(2 + 6 + 6 + 8); // appropriation, two contributions (3 transfers each), the claim (4 tiers)
    expect(lines.map((l) => l.position)).toEqual(
      [...lines.map((l) => l.position)].sort((a, b) => a - b),
    );
    expect(lines.reduce((s, l) => s + l.debitFen, 0)).toBe(
      lines.reduce((s, l) => s + l.creditFen, 0),
    );
    const account = await t
      .get('/ledger/postings?account=fund:assistance:370800', 'finance')
      .expect(200);
    expect(
      account.body.postings.map(
        (p: { debitFen: number; creditFen: number }) => p.creditFen - p.debitFen,
      ),
    ).toEqual([500000000, -38000, -1000000, -285950]);
    expect(
      (await t.get('/ledger/postings?limit=0', 'finance').expect(400)).body.errors[0].field,
    ).toBe('limit');
  });

  it('reports the budget per fund by business date, worked by hand for the basic fund', async () => {
    // basic fund, D = 2023-06-30 (day 181 of 365): no 2023-dated income (contributions were paid in
    // 2022), expense 5,940,000; balance 204,000 - 20,000 - 5,940,000 = -5,756,000;
    // months = -5,756,000 x 12 x 181 / (365 x 5,940,000) = -5.7664 -> -5.77, critical;
    // projected expense = round(5,940,000 x 365 / 181) = 11,978,453; balance -5,756,000 - 6,038,453 = -11,794,453
    const res = await t
      .get('/budget?regionCode=370800&year=2023&asOfDate=2023-06-30', 'finance')
      .expect(200);
    expect(res.body).toMatchObject({
      regionCode: '370800',
      year: 2023,
      asOfDate: '2023-06-30',
      assumptions: { method: 'run-rate', costGrowthBp: 0, headcountChangeBp: 0 },
    });
    const [basic, , assistance] = res.body.funds;
    expect(basic).toEqual({
      account: 'fund:basic:370800:2023',
      kind: 'basic',
      incomeToDateFen: 0,
      expenseToDateFen: 5940000,
      balanceFen: -5756000,
      monthsOfReserve: -5.77,
      riskLevel: 'critical',
      projectedYearEndExpenseFen: 11978453,
      projectedYearEndBalanceFen: -11794453,
    });
    expect(assistance).toMatchObject({
      incomeToDateFen: 500000000,
      expenseToDateFen: 1285950,
      balanceFen: 498676050,
      riskLevel: 'excess',
    });
    const before = await t
      .get('/budget?regionCode=370800&year=2023&asOfDate=2023-03-19', 'finance')
      .expect(200);
    expect(before.body.funds[0]).toMatchObject({
      expenseToDateFen: 0,
      monthsOfReserve: null,
      balanceFen: 184000,
    });
    const scenario = await t
      .get('/budget?regionCode=370800&year=2023&asOfDate=2023-06-30&costGrowthBp=1000', 'finance')
      .expect(200);
    expect(scenario.body.assumptions.costGrowthBp).toBe(1000);
    expect(scenario.body.funds[0].projectedYearEndExpenseFen).toBe(5940000 + 6642298); // 6,038,453.04 x 1.1 = 6,642,298.3
    expect(
      (
        await t
          .get('/budget?regionCode=370800&year=2023&asOfDate=2024-01-01', 'finance')
          .expect(400)
      ).body.errors[0].field,
    ).toBe('asOfDate');
    expect(
      (
        await t
          .get('/budget?regionCode=370800&year=2019&asOfDate=2019-06-30', 'finance')
          .expect(422)
      ).body.code,
    ).toBe('no-policy');
  });

  it('gives monthly statements per fund: income by source, expense by claim type and tier, balances carried over', async () => {
    const res = await t.get('/funds/statements?regionCode=370800&year=2023', 'finance').expect(200);
    const [basic, criticalIllness, assistance] = res.body.funds;
    // contributions were paid in 2022: they open the year; B's claim was discharged on 2023-03-20
    expect(basic.months[0]).toMatchObject({
      month: '2023-01',
      openingBalanceFen: 184000,
      incomeFen: 0,
      expenseFen: 0,
      closingBalanceFen: 184000,
    });
    expect(basic.months[2]).toMatchObject({
      month: '2023-03',
      expense: { 'claims:inpatient:basic': 5940000 },
      closingBalanceFen: -5756000,
    });
    expect(basic.months[11].closingBalanceFen).toBe(-5756000);
    expect(criticalIllness.months[2].expense).toEqual({
      'claims:inpatient:critical-illness': 2151500,
    });
    expect(assistance.months[0]).toMatchObject({
      openingBalanceFen: -38000,
      income: { 'appropriation:fiscal': 500000000 },
    });
    expect(assistance.months[2].expense).toEqual({
      'claims:inpatient:assistance': 1000000,
      'claims:inpatient:re-assistance': 285950,
    });
    expect(assistance.months[11].closingBalanceFen).toBe(498676050);

    const csv = await t
      .get('/funds/statements?regionCode=370800&year=2023&format=csv', 'finance')
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain(
      'fund:assistance:370800,2023-03,expense,claims:inpatient:re-assistance,285950',
    );

    const xlsx = await t
      .get('/funds/statements?regionCode=370800&year=2023&format=xlsx', 'finance')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never); // exceljs declares an older Buffer type
    // the funds, then the payable of the institution they paid (issue 13: payables and payouts)
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'basic',
      'critical-illness',
      'assistance',
      'payable H370800001',
    ]);
    // B's claim owed the hospital 5,940,000 + 2,151,500 + 1,000,000 + 285,950 = 9,377,450 in March
    expect(workbook.getWorksheet('payable H370800001')!.getRow(5).values).toContain(9377450);
    const sheet = workbook.getWorksheet('basic')!;
    expect(sheet.getRow(5).getCell(1).value).toBe('2023-03');
    expect(sheet.getRow(5).values).toContain(5940000);

    const dir = mkdtempSync(join(tmpdir(), 'statements-'));
    const cli = await runCli(t.databaseUrl, [
      'export',
      'statements',
      '--region',
      '370800',
      '--year',
      '2023',
      '--format',
      'xlsx',
      '--out',
      join(dir, 's.xlsx'),
    ]);
    expect(cli.code).toBe(0);
    const fromCli = new ExcelJS.Workbook();
    await fromCli.xlsx.load(readFileSync(join(dir, 's.xlsx')) as never);
    expect(fromCli.getWorksheet('assistance')!.getRow(14).values).toContain(498676050);
    expect(
      (
        await t
          .get('/funds/statements?regionCode=370800&year=2023&format=pdf', 'finance')
          .expect(400)
      ).body.errors[0].field,
    ).toBe('format');
  });
});
