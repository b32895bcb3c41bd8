import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { coveredPerson, inpatient } from '../support/claims.js';
import { registerInstitutions } from '../support/institutions.js';
import { startTestApp, testKeys, type TestApp } from '../support/test-app.js';

// Issue 13 item 5 (POLICY.md "Reconciliation"; API.md 1.1): a hospital's monthly file (JSON and
// CSV) with every kind of disagreement, the tax collector's file and the treasury's quarter, each
// recorded with the hash of what was received; refusals name the line and column and record nothing.

const hospital = 'H370800901';
const otherHospital = 'H370800902';

interface Claim {
  claimId: string;
  invoiceNo: string;
  fundPaidFen: number;
}

async function settle(t: TestApp, personId: string, over: Record<string, unknown>): Promise<Claim> {
  const body = inpatient(personId, { institutionId: hospital, ...over });
  const res = await t.post('/claims', body, 'institution').expect(201);
  const b = res.body.breakdown as Record<string, number>;
  return {
    claimId: res.body.claimId as string,
    invoiceNo: body.invoiceNo as string,
    fundPaidFen: b.basicFen! + b.criticalIllnessFen! + b.assistanceFen! + b.reAssistanceFen!,
  };
}

function postCsv(t: TestApp, query: string, csv: string | Buffer, key?: string) {
  return fetch(`${t.baseUrl}/api/v1/reconciliations/institution?${query}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${testKeys.finance}`,
      'content-type': 'text/csv; charset=utf-8',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: csv,
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as Record<string, any> }));
}

describe('reconciliation', () => {
  let t: TestApp;
  let a: Claim; // 1,000,000 total, policy 800,000: basic (800,000 - 100,000) x 60% = 420,000
  let b: Claim; // 500,000 / 400,000: basic 180,000
  let c: Claim; // 300,000 / 300,000: basic 120,000
  let d: Claim; // 200,000 / 200,000: basic 60,000, then reversed
  let f: Claim; // 400,000 / 400,000: basic 180,000
  const persons: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await registerInstitutions(
      t,
      { institutionId: hospital, level: 'tertiary' },
      { institutionId: otherHospital, level: 'tertiary' },
    );
    for (let i = 0; i < 5; i += 1) persons.push(await coveredPerson(t));
    const march = { admissionDate: '2023-03-01', dischargeDate: '2023-03-20' };
    a = await settle(t, persons[0]!, { ...march, totalCostFen: 1000000, policyCostFen: 800000 });
    b = await settle(t, persons[1]!, { ...march, totalCostFen: 500000, policyCostFen: 400000 });
    c = await settle(t, persons[2]!, { ...march, totalCostFen: 300000, policyCostFen: 300000 });
    d = await settle(t, persons[3]!, { ...march, totalCostFen: 200000, policyCostFen: 200000 });
    f = await settle(t, persons[4]!, { ...march, totalCostFen: 400000, policyCostFen: 400000 });
    await t
      .post(`/claims/${d.claimId}/reversal`, { reason: '追回: 重复结算' }, 'investigator')
      .expect(201);
    // not in March at this hospital: April's discharge, and another hospital's March claim
    await settle(t, persons[2]!, {
      admissionDate: '2023-04-01',
      dischargeDate: '2023-04-10',
      totalCostFen: 100000,
      policyCostFen: 100000,
    });
    await settle(t, persons[1]!, { ...march, institutionId: otherHospital });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('settled the claims with the fund shares the test reconciles against', () => {
    expect([a, b, c, d, f].map((x) => x.fundPaidFen)).toEqual([
      420000, 180000, 120000, 60000, 180000,
    ]);
  });

  const disagreeing = () => ({
    institutionId: hospital,
    month: '2023-03',
    claims: [
      { invoiceNo: a.invoiceNo, totalCostFen: 1000000, fundPaidFen: 420000 }, // matched
      { invoiceNo: b.invoiceNo, totalCostFen: 500000, fundPaidFen: 175000 }, // fund paid differs
      { invoiceNo: c.invoiceNo, totalCostFen: 310000, fundPaidFen: 120000 }, // total cost differs
      { invoiceNo: 'INV-NOT-IN-LEDGER', totalCostFen: 50000, fundPaidFen: 30000 }, // unknown
      { invoiceNo: d.invoiceNo, totalCostFen: 200000, fundPaidFen: 60000 }, // reversed
    ],
  });

  const expectedDisagreement = () => ({
    matched: 1,
    mismatched: [
      { invoiceNo: b.invoiceNo, field: 'fundPaidFen', fileFen: 175000, ledgerFen: 180000 },
      { invoiceNo: c.invoiceNo, field: 'totalCostFen', fileFen: 310000, ledgerFen: 300000 },
    ],
    missingInLedger: ['INV-NOT-IN-LEDGER', d.invoiceNo],
    missingInFile: [f.invoiceNo],
    totals: {
      // 1,000,000 + 500,000 + 310,000 + 50,000 + 200,000; 420,000 + 175,000 + 120,000 + 30,000 + 60,000
      file: { count: 5, totalCostFen: 2060000, fundPaidFen: 805000 },
      // A, B, C, F: 1,000,000 + 500,000 + 300,000 + 400,000; 420,000 + 180,000 + 120,000 + 180,000
      ledger: { count: 4, totalCostFen: 2200000, fundPaidFen: 900000 },
      agree: false,
    },
    agree: false,
  });

  it('names every kind of disagreement in a JSON file and records it with the hash of the body', async () => {
    const body = disagreeing();
    const before = await t.eventCount();
    const res = await t.post('/reconciliations/institution', body, 'finance').expect(201);
    expect(res.body).toMatchObject(expectedDisagreement());
    expect(typeof res.body.reconciliationId).toBe('string');
    expect(res.body.position).toBe(before + 1);
    const sent = Buffer.from(JSON.stringify(body)); // supertest sends JSON.stringify(body)
    expect(res.body.fileHash).toBe(createHash('sha256').update(sent).digest('hex'));
    const { rows } = await t.db.query(
      `SELECT data, metadata FROM events WHERE type = 'ReconciliationRecorded' AND data->>'reconciliationId' = $1`,
      [res.body.reconciliationId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].data).toMatchObject({
      kind: 'institution',
      institutionId: hospital,
      period: '2023-03',
      from: '2023-03-01',
      to: '2023-03-31',
      received: { format: 'json', hashAlgorithm: 'SHA-256', hash: res.body.fileHash, lines: 5 },
      agree: false,
      result: {
        matched: 1,
        mismatchedCount: 2,
        missingInLedgerCount: 2,
        missingInFileCount: 1,
        missingInFile: [f.invoiceNo],
      },
    });
    expect(rows[0].data.recordedBy).toBe(rows[0].metadata.actor);
  });

  it('agrees when the file lists exactly the settled, unreversed claims of the month', async () => {
    const res = await t
      .post(
        '/reconciliations/institution',
        {
          institutionId: hospital,
          month: '2023-03',
          claims: [
            { invoiceNo: f.invoiceNo, totalCostFen: 400000, fundPaidFen: 180000 },
            { invoiceNo: a.invoiceNo, totalCostFen: 1000000, fundPaidFen: 420000 },
            { invoiceNo: b.invoiceNo, totalCostFen: 500000, fundPaidFen: 180000 },
            { invoiceNo: c.invoiceNo, totalCostFen: 300000, fundPaidFen: 120000 },
          ],
        },
        'auditor',
      )
      .expect(201);
    expect(res.body).toMatchObject({
      matched: 4,
      mismatched: [],
      missingInLedger: [],
      missingInFile: [],
      totals: {
        file: { count: 4, totalCostFen: 2200000, fundPaidFen: 900000 },
        ledger: { count: 4, totalCostFen: 2200000, fundPaidFen: 900000 },
        agree: true,
      },
      agree: true,
    });
  });

  it('totals alone can disagree: an empty file against a month with claims', async () => {
    const res = await t
      .post(
        '/reconciliations/institution',
        { institutionId: otherHospital, month: '2023-04', claims: [] },
        'finance',
      )
      .expect(201);
    expect(res.body).toMatchObject({ matched: 0, agree: true });
    const march = await t
      .post(
        '/reconciliations/institution',
        { institutionId: otherHospital, month: '2023-03', claims: [] },
        'finance',
      )
      .expect(201);
    expect(march.body.totals.file).toEqual({ count: 0, totalCostFen: 0, fundPaidFen: 0 });
    expect(march.body.totals.ledger.count).toBe(1);
    expect(march.body.totals.ledger.totalCostFen).toBe(12000000);
    expect(march.body.agree).toBe(false);
  });

  it('reads a CSV as a hospital uploads it: BOM, CRLF, spaces, quotes, columns in any order', async () => {
    const lines = disagreeing().claims;
    const csv =
      '\uFEFFinvoiceNo , fundPaidFen, totalCostFen\r\n' +
      lines
        .map((l, i) =>
          i === 1
            ? ` "${l.invoiceNo}" , ${l.fundPaidFen} ,${l.totalCostFen}`
            : `${l.invoiceNo},${l.fundPaidFen},${l.totalCostFen}`,
        )
        .join('\r\n') +
      '\r\n\r\n';
    const bytes = Buffer.from(csv, 'utf8');
    const res = await postCsv(t, `institutionId=${hospital}&month=2023-03`, bytes);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject(expectedDisagreement());
    expect(res.body.fileHash).toBe(createHash('sha256').update(bytes).digest('hex'));
    const { rows } = await t.db.query(
      `SELECT data FROM events WHERE data->>'reconciliationId' = $1`,
      [res.body.reconciliationId],
    );
    expect(rows[0].data.received).toMatchObject({ format: 'csv', bytes: bytes.length, lines: 5 });
  });

  it('refuses a CSV with bad rows naming each line and column, and records nothing', async () => {
    const before = await t.eventCount();
    const csv = [
      'invoiceNo,totalCostFen,fundPaidFen',
      'INV-1,1000,500',
      'INV-2,12.50,500', // line 3: not integer fen
      'INV-3,1000', // line 4: a value short
      'INV-4,1000,2000', // line 5: fund paid over total cost
      'INV-1,1000,500', // line 6: repeats line 2
      ',1000,500', // line 7: no invoice
    ].join('\n');
    const res = await postCsv(t, `institutionId=${hospital}&month=2023-03`, csv);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation-failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'line 3, totalCostFen',
      'line 4',
      'line 7, invoiceNo',
    ]);
    const second = await postCsv(
      t,
      `institutionId=${hospital}&month=2023-03`,
      'invoiceNo,totalCostFen,fundPaidFen\nINV-4,1000,2000\nINV-1,1,1\nINV-1,1,1\n',
    );
    expect(second.status).toBe(400);
    expect(second.body.errors).toEqual([
      { field: 'line 2, fundPaidFen', message: 'must not exceed totalCostFen' },
      { field: 'line 4, invoiceNo', message: 'repeats invoice INV-1 of line 3, invoiceNo' },
    ]);
    const header = await postCsv(t, `institutionId=${hospital}&month=2023-03`, 'invoice,total\n');
    expect(header.status).toBe(400);
    expect(header.body.errors[0].field).toBe('header');
    const noMonth = await postCsv(
      t,
      `institutionId=${hospital}`,
      'invoiceNo,totalCostFen,fundPaidFen\n',
    );
    expect(noMonth.status).toBe(400);
    expect(noMonth.body.errors[0].field).toBe('month');
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses bad JSON lines naming the field, and records nothing', async () => {
    const before = await t.eventCount();
    const res = await t
      .post(
        '/reconciliations/institution',
        {
          institutionId: hospital,
          month: '2023-13',
          claims: [{ invoiceNo: 'X', totalCostFen: -1, fundPaidFen: 0 }],
        },
        'finance',
      )
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'claims.0.totalCostFen',
      'month',
    ]);
    const repeated = await t
      .post(
        '/reconciliations/institution',
        {
          institutionId: hospital,
          month: '2023-03',
          claims: [
            { invoiceNo: 'X', totalCostFen: 5, fundPaidFen: 6 },
            { invoiceNo: 'X', totalCostFen: 5, fundPaidFen: 5 },
          ],
        },
        'finance',
      )
      .expect(400);
    expect(repeated.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'claims.0.fundPaidFen',
      'claims.1.invoiceNo',
    ]);
    expect(await t.eventCount()).toBe(before);
  });

  it('answers the same file again with the same reconciliation, under an Idempotency-Key or not', async () => {
    const body = disagreeing();
    body.claims = body.claims.slice(0, 3);
    const first = await t
      .post('/reconciliations/institution', body, 'finance', 'rec-key-1')
      .expect(201);
    const count = await t.eventCount();
    const again = await t
      .post('/reconciliations/institution', body, 'finance', 'rec-key-1')
      .expect(201);
    expect(again.body).toEqual(first.body);
    const unkeyed = await t.post('/reconciliations/institution', body, 'finance').expect(200);
    expect(unkeyed.body.reconciliationId).toBe(first.body.reconciliationId);
    expect(unkeyed.body.position).toBe(first.body.position);
    expect(await t.eventCount()).toBe(count);
    await t.post('/reconciliations/institution', disagreeing(), 'finance', 'rec-key-1').expect(409);
    const csv = 'invoiceNo,totalCostFen,fundPaidFen\nZ,1,1\n';
    const csvFirst = await postCsv(t, `institutionId=${hospital}&month=2023-03`, csv, 'rec-csv');
    expect(csvFirst.status).toBe(201);
    // the same file for another month under the same key is another request
    const otherMonth = await postCsv(t, `institutionId=${hospital}&month=2023-02`, csv, 'rec-csv');
    expect(otherMonth.status).toBe(409);
  });

  it('reads a file over 1 MiB on this route (up to 16 MiB), keeps 1,000 of each list in the event, and refuses more than 16 MiB', async () => {
    const lines = Array.from(
      { length: 40000 },
      (_, i) => `INV-BULK-${String(i).padStart(6, '0')},1000000,600000`,
    );
    const csv = `invoiceNo,totalCostFen,fundPaidFen\n${lines.join('\n')}\n`;
    expect(Buffer.byteLength(csv)).toBeGreaterThan(1024 * 1024);
    const res = await postCsv(t, `institutionId=${hospital}&month=2023-03`, csv);
    expect(res.status).toBe(201);
    expect(res.body.missingInLedger).toHaveLength(40000);
    expect(res.body.totals.file).toEqual({
      count: 40000,
      totalCostFen: 40000000000, // 40,000 x 1,000,000
      fundPaidFen: 24000000000, // 40,000 x 600,000
    });
    const { rows } = await t.db.query(
      `SELECT jsonb_array_length(data->'result'->'missingInLedger') AS kept, data->'result'->'missingInLedgerCount' AS count
       FROM events WHERE data->>'reconciliationId' = $1`,
      [res.body.reconciliationId],
    );
    expect(rows[0]).toEqual({ kept: 1000, count: 40000 });
    const before = await t.eventCount();
    const huge = await postCsv(
      t,
      `institutionId=${hospital}&month=2023-03`,
      `invoiceNo,totalCostFen,fundPaidFen\n${'x'.repeat(17 * 1024 * 1024)}`,
    );
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('payload-too-large');
    expect(await t.eventCount()).toBe(before);
  });

  it("compares the collector's file with the contributions paid in the pooling region", async () => {
    const receipt = (i: number) => `R-${persons[i]}`;
    const res = await t
      .post(
        '/reconciliations/collections',
        {
          regionCode: '370811', // a county of Jining: pools in 370800
          from: '2022-11-01',
          to: '2022-12-31',
          payments: [
            { receiptNo: receipt(0), amountFen: 38000, paidOn: '2022-12-01' }, // matched
            { receiptNo: receipt(1), amountFen: 30000, paidOn: '2022-12-01' }, // amount differs
            { receiptNo: receipt(2), amountFen: 38000, paidOn: '2022-12-02' }, // date differs
            { receiptNo: receipt(3), amountFen: 38000, paidOn: '2022-12-01' }, // matched
            { receiptNo: 'R-UNKNOWN', amountFen: 38000, paidOn: '2022-12-15' }, // not in the ledger
          ],
        },
        'finance',
      )
      .expect(201);
    expect(res.body).toMatchObject({
      regionCode: '370800',
      matched: 2,
      mismatched: [
        { receiptNo: receipt(1), field: 'amountFen', fileFen: 30000, ledgerFen: 38000 },
        {
          receiptNo: receipt(2),
          field: 'paidOn',
          fileDate: '2022-12-02',
          ledgerDate: '2022-12-01',
        },
      ],
      missingInLedger: ['R-UNKNOWN'],
      missingInFile: [receipt(4)],
      totals: {
        file: { count: 5, amountFen: 182000 }, // 38,000 x 4 + 30,000
        ledger: { count: 5, amountFen: 190000 }, // five adults' personal share, 380 yuan each
        agree: false,
      },
      agree: false,
    });
    const outside = await t
      .post(
        '/reconciliations/collections',
        {
          regionCode: '370800',
          from: '2022-12-01',
          to: '2022-12-31',
          payments: [{ receiptNo: 'R-X', amountFen: 1, paidOn: '2023-01-01' }],
        },
        'finance',
      )
      .expect(400);
    expect(outside.body.errors[0].field).toBe('payments.0.paidOn');
    const otherCity = await t
      .post(
        '/reconciliations/collections',
        { regionCode: '340100', from: '2022-11-01', to: '2022-12-31', payments: [] },
        'finance',
      )
      .expect(201);
    expect(otherCity.body).toMatchObject({ matched: 0, missingInFile: [], agree: true });
  });

  it("compares the treasury's quarter with the assistance fund's credits, debits and balance", async () => {
    const appropriate = (amountFen: number, receivedOn: string, reference: string) =>
      t
        .post(
          '/assistance-funds/370800/appropriations',
          { amountFen, source: 'fiscal', receivedOn, reference },
          'clerk',
        )
        .expect(201);
    await appropriate(100000000, '2022-12-15', 'CZ-2022-12'); // before the quarter
    await appropriate(300000000, '2023-02-01', 'CZ-2023-02'); // income of 2023-Q1
    await appropriate(5000000, '2023-04-10', 'CZ-2023-04'); // after it
    // POLICY.md's worked example: a 低保 person, the enrollment subsidy of 38,000 paid from the
    // fund on 2022-11-15, then assistance 1,000,000 and re-assistance 285,950 on 2023-03-20
    const personId = await coveredPerson(t, 'minimum-living-allowance');
    const claim = await t
      .post('/claims', inpatient(personId, { institutionId: hospital }), 'institution')
      .expect(201);
    expect(claim.body.breakdown).toMatchObject({ assistanceFen: 1000000, reAssistanceFen: 285950 });
    const ledger = {
      incomeFen: 300000000,
      expenseFen: 1285950, // 1,000,000 + 285,950
      closingBalanceFen: 398676050, // 100,000,000 - 38,000 + 300,000,000 - 1,285,950
    };
    const agreeing = await t
      .post(
        '/reconciliations/assistance-fund',
        { regionCode: '370800', quarter: '2023-Q1', treasury: ledger },
        'finance',
      )
      .expect(201);
    expect(agreeing.body).toMatchObject({
      ledger,
      treasury: ledger,
      differenceFen: { incomeFen: 0, expenseFen: 0, closingBalanceFen: 0 },
      agree: true,
    });
    const short = await t
      .post(
        '/reconciliations/assistance-fund',
        {
          regionCode: '370811',
          quarter: '2023-Q1',
          treasury: { incomeFen: 300000000, expenseFen: 1000000, closingBalanceFen: 398962000 },
        },
        'auditor',
      )
      .expect(201);
    expect(short.body).toMatchObject({
      regionCode: '370800',
      ledger,
      differenceFen: { incomeFen: 0, expenseFen: -285950, closingBalanceFen: 285950 },
      agree: false,
    });
    await t
      .post(
        '/reconciliations/assistance-fund',
        { regionCode: '370800', quarter: '2023-Q5', treasury: ledger },
        'finance',
      )
      .expect(400);
  });

  it('lists what was reconciled, filtered by kind, region and institution', async () => {
    const all = await t.get('/reconciliations', 'admin').expect(200);
    expect(all.body.reconciliations.length).toBeGreaterThanOrEqual(8);
    const institution = await t
      .get(`/reconciliations?kind=institution&institutionId=${hospital}`, 'auditor')
      .expect(200);
    expect(
      institution.body.reconciliations.every((r: { kind: string }) => r.kind === 'institution'),
    ).toBe(true);
    const first = institution.body.reconciliations.at(-1);
    expect(first).toMatchObject({
      kind: 'institution',
      institutionId: hospital,
      period: '2023-03',
      agree: false,
      format: 'json',
      lines: 5,
      matched: 1,
      mismatched: 2,
      missingInLedger: 2,
      missingInFile: 1,
      hashAlgorithm: 'SHA-256',
    });
    const fund = await t
      .get('/reconciliations?kind=assistance-fund&regionCode=370800', 'finance')
      .expect(200);
    expect(fund.body.reconciliations.map((r: { agree: boolean }) => r.agree)).toEqual([
      false,
      true,
    ]);
    await t.get('/reconciliations?kind=other', 'finance').expect(400);
    await t.get('/reconciliations', 'clerk').expect(403);
    await t.post('/reconciliations/assistance-fund', {}, 'institution').expect(403);
  });

  it('compares a corrected claim with its corrected total cost and fund paid', async () => {
    // a corrected: 900,000 total, 600,000 in policy: basic (600,000 - 100,000) x 60% = 300,000
    await t
      .post(
        `/claims/${a.claimId}/correction`,
        { totalCostFen: 900000, policyCostFen: 600000, reason: '超标准收费' },
        'institution',
      )
      .expect(201);
    const file = (aTotal: number, aFund: number) => ({
      institutionId: hospital,
      month: '2023-03',
      claims: [
        { invoiceNo: f.invoiceNo, totalCostFen: 400000, fundPaidFen: 180000 },
        { invoiceNo: a.invoiceNo, totalCostFen: aTotal, fundPaidFen: aFund },
        { invoiceNo: b.invoiceNo, totalCostFen: 500000, fundPaidFen: 180000 },
        { invoiceNo: c.invoiceNo, totalCostFen: 300000, fundPaidFen: 120000 },
      ],
    });
    // the hospital's file still with the first settlement: both fields differ
    const stale = await t
      .post('/reconciliations/institution', file(1000000, 420000), 'auditor')
      .expect(201);
    expect(stale.body).toMatchObject({
      matched: 3,
      mismatched: [
        { invoiceNo: a.invoiceNo, field: 'totalCostFen', fileFen: 1000000, ledgerFen: 900000 },
        { invoiceNo: a.invoiceNo, field: 'fundPaidFen', fileFen: 420000, ledgerFen: 300000 },
      ],
      agree: false,
    });
    // with the corrected amounts: a's line matches (2,100,000 total, 780,000 fund paid in the file);
    // the ledger also holds one March claim an earlier test settled here, which this file omits
    const res = await t
      .post('/reconciliations/institution', file(900000, 300000), 'auditor')
      .expect(201);
    expect(res.body).toMatchObject({
      matched: 4,
      mismatched: [],
      missingInLedger: [],
      totals: { file: { count: 4, totalCostFen: 2100000, fundPaidFen: 780000 } },
    });
    expect(res.body.missingInFile).toHaveLength(1);
    expect(res.body.missingInFile).not.toContain(a.invoiceNo);
    expect(res.body.totals.ledger.totalCostFen - stale.body.totals.ledger.totalCostFen).toBe(0);
  });
});
