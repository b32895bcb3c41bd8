import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApp, testKeys, type TestApp, type TestRole } from '../support/test-app.js';
import { chinaDate } from '../../src/shared/domain/business-date.js';
import { seedCounty, seedRegion, seedYear, type Seed } from './seed.js';
import { residentId } from '../support/people.js';

// Each user's main task in the console, clicked through in a real Chromium against the real
// service on its embedded database; every number read off the page is compared with the API's
// own answer, formatted here independently of the console's code. Screenshots of each screen go
// to test-artifacts/console/ (gitignored).

// page.evaluate callbacks run in the browser; the root tsconfig (Node) has no DOM library
declare const document: any, localStorage: any, sessionStorage: any, location: any;

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const artifacts = join(process.cwd(), 'test-artifacts', 'console');
const stepTimeoutMs = 10_000;

/** fen -> "12,345.67", as the page must show it */
const yuan = (fen: number) =>
  `${fen < 0 ? '-' : ''}${(Math.abs(fen) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

let t: TestApp;
let seed: Seed;
let browser: Browser;
const consoleErrors: string[] = [];

async function signedIn(role: TestRole): Promise<Page> {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1400, height: 1000 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(stepTimeoutMs);
  page.on(
    'console',
    (m) => m.type() === 'error' && consoleErrors.push(`${role}: ${m.text().slice(0, 300)}`),
  );
  page.on('pageerror', (e) => consoleErrors.push(`${role}: ${e.message.slice(0, 300)}`));
  await page.goto(`${t.baseUrl}/console`);
  await page.getByLabel('API 密钥').fill(testKeys[role]);
  await page.getByRole('button', { name: '进入' }).click();
  await page.getByRole('navigation').waitFor();
  return page;
}

/** Reads until the value is the expected one or the step's time is up; returns the last reading (the page updates after its API call). */
async function settled<T>(read: () => Promise<T>, expected: T): Promise<T> {
  const deadline = Date.now() + stepTimeoutMs;
  let value = await read();
  while (value !== expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

beforeAll(async () => {
  if (!existsSync(chromiumPath))
    throw new Error(
      `no Chromium at ${chromiumPath}: apt-get install chromium (.ci/run does), or set CHROMIUM_PATH`,
    );
  mkdirSync(artifacts, { recursive: true });
  t = await startTestApp();
  seed = await seedCounty(t);
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the console', () => {
  it('is served at /console without a key, same-origin only, and asks for a key', async () => {
    const res = await fetch(`${t.baseUrl}/console/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).not.toMatch(/https?:\/\//);
  });

  it('keeps the key out of localStorage, cookies and the URL, and in sessionStorage only encrypted', async () => {
    const page = await signedIn('auditor');
    const stored = await page.evaluate(() => ({
      local: JSON.stringify(localStorage),
      session: JSON.stringify(sessionStorage),
      cookies: document.cookie,
      url: location.href,
    }));
    for (const place of Object.values(stored)) {
      expect(place).not.toContain(testKeys.auditor);
      expect(place).not.toContain(Buffer.from(testKeys.auditor).toString('base64').slice(0, 16));
    }
    expect(stored.session).toMatch(/ledger-console\.key/);
    await page.reload();
    await page.getByRole('navigation').waitFor(); // recalled from the encrypted copy: entered once per session
    await page.context().close();
  });

  it('money flow: an auditor sees the bands and fund balances the API reports, and opens a band down to its postings', async () => {
    const page = await signedIn('auditor');
    await page.getByRole('button', { name: '查询' }).click();
    const funds = (
      await t.get(`/funds?regionCode=${seedRegion}&year=${seedYear}`, 'auditor').expect(200)
    ).body.funds as { account: string; balanceFen: number }[];
    for (const f of funds)
      await expect(
        page.locator(`tr[data-account="${f.account}"] [data-testid=fund-balance]`).textContent(),
      ).resolves.toBe(yuan(f.balanceFen));

    // what the four tiers paid one hospital equals the institution's own totals
    const totals = (await t.get('/institutions/H370800001/history', 'auditor').expect(200)).body
      .totals;
    const paid =
      totals.basicFen + totals.criticalIllnessFen + totals.assistanceFen + totals.reAssistanceFen;
    const tiers = ['tierBasic', 'tierCi', 'tierAssistance', 'tierReAssistance'];
    let shown = 0;
    for (const tier of tiers) {
      const cell = page.locator(
        `tr[data-band="${tier}>institution:H370800001"] [data-testid=band-amount]`,
      );
      if (await cell.count())
        shown += Math.round(Number((await cell.textContent())!.replaceAll(',', '')) * 100);
    }
    expect(shown).toBe(paid);

    // personal contributions into the basic fund equal the personal lines of the postings ledger
    const postings = (await t.get('/ledger/postings?limit=1000', 'auditor').expect(200)).body
      .postings as { account: string; debitFen: number }[];
    const personal = postings
      .filter((p) => p.account === 'external:personal')
      .reduce((s, p) => s + p.debitFen, 0);
    await expect(
      page.locator('tr[data-band="personal>basicFund"] [data-testid=band-amount]').textContent(),
    ).resolves.toBe(yuan(personal));

    await page.getByRole('button', { name: '明细: 基本医保报销 → 医疗机构 H370800001' }).click();
    const drill = page.getByRole('region', {
      name: '记账分录: 基本医保报销 → 医疗机构 H370800001',
    });
    await expect(drill.locator('tbody tr').count()).resolves.toBeGreaterThanOrEqual(6); // 3 claims, 2 lines each at least
    await expect(drill.textContent()).resolves.toContain('ClaimSettled');
    await shot(page, '1-money-flow');

    // the band to the hospital whose claim was reversed: its events lead to the claim's trace
    await page.getByRole('button', { name: '明细: 基本医保报销 → 医疗机构 H370800002' }).click();
    await page
      .getByRole('button', { name: `追溯: ${seed.reversedClaim}` })
      .first()
      .click();
    const trace = page.getByRole('table', { name: `追溯 ${seed.reversedClaim}` });
    await trace.locator('tbody tr').first().waitFor();
    const events = (await t.get(`/ledger/trace/${seed.reversedClaim}`, 'auditor').expect(200)).body
      .events as { position: number; type: string }[];
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['ClaimSettled', 'ClaimReversed']),
    );
    const rows = await trace.locator('tbody tr').allTextContents();
    expect(rows.map((r, i) => r.startsWith(`${events[i]!.position}${events[i]!.type}`))).toEqual(
      events.map(() => true),
    );

    // the trace of any id, typed in
    await page.getByLabel('结算、参保、拨付或救助编号').fill(seed.appropriationId);
    await page.getByRole('button', { name: '追溯', exact: true }).click();
    const appropriation = page.getByRole('table', { name: `追溯 ${seed.appropriationId}` });
    await expect(appropriation.locator('tbody tr').first().textContent()).resolves.toContain(
      'AppropriationReceived',
    );
    await shot(page, '1-trace');
    await page.context().close();
  });

  it('replay: an investigator opens a flagged person from the alert queue, sees the evidence highlighted and the sums as they stood, then resolves and claws back', async () => {
    const page = await signedIn('investigator');
    await page.getByRole('button', { name: '回放与稽核' }).click();
    const queue = page.getByRole('table', { name: '预警队列' });
    await queue.locator('tbody tr').first().waitFor();
    await page
      .getByRole('button', { name: `事件时间线: ${seed.suspect}` })
      .first()
      .click();

    const alerts = (await t.get(`/alerts?personId=${seed.suspect}`, 'investigator').expect(200))
      .body.alerts as { evidence: string[] }[];
    const evidence = [...new Set(alerts.flatMap((a) => a.evidence))].sort();
    const timeline = page.getByRole('list', { name: '事件时间线' });
    await timeline.locator('li').first().waitFor();
    await expect(
      timeline
        .locator('li.evidence')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-event-id')).sort()),
    ).resolves.toEqual(evidence);

    const person = (await t.get(`/persons/${seed.suspect}`, 'investigator').expect(200)).body;
    await expect(page.getByTestId('national-id').textContent()).resolves.toBe(person.nationalId);

    // one step back on the slider: the sums as they stood before the last event
    const history = (await t.get(`/persons/${seed.suspect}/history`, 'investigator').expect(200))
      .body.events as { position: number }[];
    const before = history.at(-2)!.position;
    await page.getByRole('slider').focus();
    await page.keyboard.press('ArrowLeft');
    expect(
      await settled(() => page.getByTestId('as-of-position').textContent(), String(before)),
    ).toBe(String(before));
    await expect(timeline.locator('li').count()).resolves.toBe(history.length - 1);
    const usage = (
      await t
        .get(
          `/persons/${seed.suspect}/usage?year=${seedYear}&asOfPosition=${before}`,
          'investigator',
        )
        .expect(200)
    ).body;
    const usageRow = page
      .getByRole('table', { name: '年度累计与封顶线（按当时情况）' })
      .getByRole('row', { name: /住院基本医保/ });
    await expect(usageRow.locator('td').allTextContents()).resolves.toEqual([
      yuan(usage.inpatientBasicFen),
      yuan(usage.inpatientCapFen),
    ]);
    await shot(page, '2-replay');

    // resolve the overlapping-stays alert, claw back the claim of another flagged stay
    const [overlap] = (
      await t
        .get(`/alerts?personId=${seed.suspect}&rule=overlapping-stays`, 'investigator')
        .expect(200)
    ).body.alerts;
    const row = queue.locator(`tr[data-alert-id="${overlap.alertId}"]`);
    await row.getByRole('textbox').fill('两家医院住院时间重叠，已核实');
    await row.getByRole('button', { name: '确认违规' }).click();
    await row.waitFor({ state: 'detached' }); // the queue shows open alerts: the resolved one leaves it
    expect(
      (
        await t
          .get(`/alerts?personId=${seed.suspect}&rule=overlapping-stays`, 'investigator')
          .expect(200)
      ).body.alerts[0].status,
    ).toBe('confirmed');

    const open = (await t.get('/alerts?status=open&rule=poverty-risk', 'investigator').expect(200))
      .body.alerts as { alertId: string; claimId: string }[];
    const target = open.find((a) => a.claimId !== undefined)!;
    const clawRow = queue.locator(`tr[data-alert-id="${target.alertId}"]`);
    await clawRow.getByRole('textbox').fill('虚记费用，追回');
    await clawRow.getByRole('button', { name: '追回（冲正结算）' }).click();
    expect(
      await settled(
        async () => (await t.get(`/claims/${target.claimId}`, 'investigator')).body.status,
        'reversed',
      ),
    ).toBe('reversed');
    await shot(page, '2-alert-queue');
    await page.context().close();
  });

  it('replay: an auditor opens an institution and sees its registry entry as GET /institutions/{id} gives it: level, agreement, suspension', async () => {
    const page = await signedIn('auditor');
    await page.getByRole('button', { name: '回放与稽核' }).click();
    await page.getByLabel('对象').selectOption('institution');
    await page.getByLabel('编号').fill('H370800003');
    await page.getByRole('button', { name: '查询' }).first().click();
    const record = (await t.get('/institutions/H370800003', 'auditor').expect(200)).body;
    expect(record.suspensions).toHaveLength(1);
    const levels = page.getByRole('table', { name: '等级' });
    await levels.locator('tbody tr').first().waitFor();
    await expect(levels.locator('tbody tr td').allTextContents()).resolves.toEqual([
      '基层',
      record.levels[0].effectiveFrom,
    ]);
    await expect(page.getByTestId('agreement').textContent()).resolves.toBe(
      `医保服务协议: ${record.agreement.from} – 长期`,
    );
    const suspensions = page.getByRole('table', { name: '协议暂停' });
    await expect(suspensions.locator('tbody tr td').allTextContents()).resolves.toEqual([
      `${record.suspensions[0].from} – ${record.suspensions[0].to}`,
      record.suspensions[0].reason,
    ]);
    await shot(page, '2-institution-registry');
    await page.context().close();
  });

  it('replay: the work list of open poverty-risk alerts, resolved assistance-granted, then the re-adjudication it leads to', async () => {
    // a poverty-risk alert whose claim still stands (the test above clawed one back)
    const open = (await t.get('/alerts?status=open&rule=poverty-risk', 'investigator').expect(200))
      .body.alerts as { alertId: string; claimId: string; personId: string }[];
    let target: { alertId: string; claimId: string; personId: string } | undefined;
    let admissionDate = '';
    for (const a of open) {
      const claim = (await t.get(`/claims/${a.claimId}`, 'investigator').expect(200)).body;
      if (claim.status === 'settled') {
        target = a;
        admissionDate = claim.admissionDate as string;
        break;
      }
    }
    expect(target).toBeDefined();
    // the clerk records illness-impoverished (因病致贫重病患者) on application from the admission
    const status = await t
      .post(
        `/persons/${target!.personId}/assistance-status`,
        {
          category: 'illness-impoverished',
          effectiveFrom: admissionDate,
          applicationRef: 'YSQ-CONSOLE-1',
        },
        'clerk',
      )
      .expect(201);
    expect(status.body.readjudicationNeeded).toEqual([seedYear]);

    const page = await signedIn('investigator');
    await page.getByRole('button', { name: '回放与稽核' }).click();
    await page.getByRole('button', { name: '主动识别工作清单（因病返贫致贫风险）' }).click();
    const queue = page.getByRole('table', { name: '预警队列' });
    const row = queue.locator(`tr[data-alert-id="${target!.alertId}"]`);
    await row.waitFor();
    await expect(queue.locator('tbody tr').count()).resolves.toBe(open.length);
    await row
      .getByRole('textbox', { name: `说明: ${target!.alertId}` })
      .fill('因病致贫，依申请救助');
    await row
      .getByRole('spinbutton', { name: `身份变更位置: ${target!.alertId}` })
      .fill(String(status.body.position));
    await row.getByRole('button', { name: '给予救助（依申请）' }).click();
    await row.waitFor({ state: 'detached' });
    const resolved = (
      await t.get(`/alerts?personId=${target!.personId}&rule=poverty-risk`, 'investigator')
    ).body.alerts[0];
    expect(resolved.status).toBe('assistance-granted');

    // the person's view: re-adjudicate the year, then read what the funds owe the person
    await page.getByRole('combobox', { name: '对象' }).selectOption('person');
    await page.getByRole('textbox', { name: '编号' }).fill(target!.personId);
    await page.getByRole('button', { name: '查询' }).first().click();
    const section = page.getByRole('region', { name: '重新结算' });
    await section.getByRole('textbox', { name: '重新结算原因' }).fill('依申请救助，重新结算');
    await section.getByRole('button', { name: '重新结算该年度' }).click();
    const owed = section.getByTestId('owed-to-person');
    await owed.waitFor();
    const history = (await t.get(`/persons/${target!.personId}/history`, 'investigator')).body
      .events as { type: string; data: { owedToPersonFen: number } }[];
    const event = history.find((e) => e.type === 'PersonYearReadjudicated')!;
    expect(event.data.owedToPersonFen).toBeGreaterThan(0);
    await expect(owed.textContent()).resolves.toBe(yuan(event.data.owedToPersonFen));
    // the person's alert list names the finding
    await page.locator('ul.alerts li', { hasText: 'poverty-risk · 已给予救助' }).first().waitFor();
    await shot(page, '2-readjudication');
    await page.context().close();
  });

  it('replay: an auditor sees the resident ID masked as the API masks it', async () => {
    const page = await signedIn('auditor');
    await page.getByRole('button', { name: '回放与稽核' }).click();
    await page.getByLabel('编号').fill(seed.persons[0]!);
    await page.getByRole('button', { name: '查询' }).first().click();
    const masked = (await t.get(`/persons/${seed.persons[0]}`, 'auditor').expect(200)).body
      .nationalId as string;
    expect(masked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    await expect(page.getByTestId('national-id').textContent()).resolves.toBe(masked);
    await expect(page.getByRole('note').textContent()).resolves.toContain('明文读取由服务记录');
    await page.context().close();
  });

  it('budget: finance sees the projection the API computes, under a scenario set with the slider, and downloads the CSV statement', async () => {
    const page = await signedIn('finance');
    await page.getByRole('button', { name: '预算与报表' }).click();
    expect(await settled(() => page.getByLabel('统筹区').inputValue(), seedRegion)).toBe(
      seedRegion,
    );
    await page.getByLabel('截至日期').fill('2023-09-30');
    await page.getByRole('button', { name: '查询' }).click();
    const knob = page.getByRole('slider', { name: '人均费用增长（基点）' });
    await knob.focus();
    for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowRight'); // +500 bp
    const budget = (
      await t
        .get(
          `/budget?regionCode=${seedRegion}&year=${seedYear}&asOfDate=2023-09-30&costGrowthBp=500&headcountChangeBp=0`,
          'finance',
        )
        .expect(200)
    ).body;
    for (const f of budget.funds) {
      const row = page.locator(
        `table[aria-label="年末预测（按当前支出速度）"] tr[data-account="${f.account}"]`,
      );
      expect(
        await settled(
          () => row.getByTestId('projected-expense').textContent(),
          yuan(f.projectedYearEndExpenseFen),
        ),
      ).toBe(yuan(f.projectedYearEndExpenseFen));
      await expect(row.getByTestId('months').textContent()).resolves.toBe(
        String(f.monthsOfReserve),
      );
    }
    await shot(page, '3-budget');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 CSV' }).click(),
    ]);
    const csv = (
      await t
        .get(`/funds/statements?regionCode=${seedRegion}&year=${seedYear}&format=csv`, 'finance')
        .expect(200)
    ).text;
    expect(readFileSync((await download.path())!, 'utf8')).toBe(csv);
    await page.context().close();
  });

  it('reconciliations: finance sees each recorded reconciliation with the counts and verdict the API answered', async () => {
    const answer = (
      await t
        .post(
          '/reconciliations/institution',
          { institutionId: 'H370800001', month: '2023-03', claims: [] },
          'finance',
        )
        .expect(201)
    ).body;
    const fund = (
      await t
        .post(
          '/reconciliations/assistance-fund',
          {
            regionCode: seedRegion,
            quarter: '2023-Q1',
            treasury: { incomeFen: 0, expenseFen: 0, closingBalanceFen: 0 },
          },
          'finance',
        )
        .expect(201)
    ).body;
    const page = await signedIn('finance');
    await page.getByRole('button', { name: '预算与报表' }).click();
    const row = page.locator(`tr[data-reconciliation="${answer.reconciliationId}"]`);
    await row.waitFor();
    await expect(row.getByTestId('matched').textContent()).resolves.toBe(String(answer.matched));
    await expect(row.getByTestId('missing-in-file').textContent()).resolves.toBe(
      String(answer.missingInFile.length),
    );
    await expect(row.getByTestId('verdict').textContent()).resolves.toBe(
      answer.agree ? '一致' : '不一致',
    );
    const fundRow = page.locator(`tr[data-reconciliation="${fund.reconciliationId}"]`);
    await expect(fundRow.getByTestId('closing-difference').textContent()).resolves.toBe(
      yuan(fund.differenceFen.closingBalanceFen),
    );
    await shot(page, '3b-reconciliations');
    await page.context().close();
  });

  it('policy simulation: finance raises the tertiary ratio 5 points and sees the differences the API computes, by tier and by level', async () => {
    const page = await signedIn('finance');
    await page.getByRole('button', { name: '政策仿真' }).click();
    expect(await settled(() => page.getByLabel('统筹区').inputValue(), seedRegion)).toBe(
      seedRegion,
    );
    await page.getByRole('button', { name: '载入现行政策' }).click();
    const tertiary = page.getByLabel('住院报销比例·三级（基点）');
    expect(await settled(() => tertiary.inputValue(), '6000')).toBe('6000');
    await tertiary.fill('6500');
    await page.getByRole('button', { name: '开始仿真' }).click();
    const api = (
      await t
        .post(
          '/policy-simulations',
          {
            regionCode: seedRegion,
            coverageYear: seedYear,
            changes: { inpatient: { levels: { tertiary: { ratioBp: 6500 } } } },
          },
          'finance',
        )
        .expect(200)
    ).body;
    expect(api.claims).toBeGreaterThan(0);
    expect(api.differenceFen.basicFen).toBeGreaterThan(0); // the seed has tertiary stays
    const tier = (key: string) =>
      page
        .locator(`table[aria-label="按支付层次"] tr[data-tier="${key}"]`)
        .getByTestId('difference');
    for (const key of Object.keys(api.differenceFen))
      expect(await settled(() => tier(key).textContent(), yuan(api.differenceFen[key]))).toBe(
        yuan(api.differenceFen[key]),
      );
    const tertiaryRow = api.byLevel.find((g: any) => g.level === 'tertiary');
    const funds = (a: any) =>
      a.basicFen + a.criticalIllnessFen + a.assistanceFen + a.reAssistanceFen;
    await expect(
      page
        .locator('table[aria-label="按医疗机构等级"] tr[data-level="tertiary"]')
        .getByTestId('difference')
        .textContent(),
    ).resolves.toBe(yuan(funds(tertiaryRow.differenceFen)));
    await expect(page.getByTestId('simulation-counts').textContent()).resolves.toContain(
      `结算 ${api.claims} 笔`,
    );
    await shot(page, '5-simulation');
    await page.context().close();
  });

  it('verification: the chain check, the latest signed checkpoint and a receipt show what the API reports', async () => {
    const page = await signedIn('auditor');
    await page.getByRole('button', { name: '账本核验' }).click();
    await page.getByRole('button', { name: '校验防篡改链' }).click();
    const verify = (await t.get('/ledger/verify', 'auditor').expect(200)).body;
    await expect(page.getByTestId('verify-result').textContent()).resolves.toBe(
      '链完整：未发现篡改',
    );
    await expect(page.getByTestId('events-checked').textContent()).resolves.toBe(
      String(verify.eventsChecked),
    );
    await page.getByRole('button', { name: '取最新检查点' }).click();
    const checkpoint = page.getByRole('region', { name: '最新签名检查点' });
    await checkpoint.getByTestId('root-hash').waitFor();
    const latest = (await t.get('/ledger/checkpoint', 'auditor').expect(200)).body;
    await expect(checkpoint.getByTestId('tree-size').textContent()).resolves.toBe(
      String(latest.treeSize),
    );
    await expect(checkpoint.getByTestId('root-hash').textContent()).resolves.toBe(latest.rootHash);
    const { rows } = await t.db.query<{ id: string; type: string; position: string }>(
      'SELECT event_id::text AS id, type, position::text AS position FROM events ORDER BY position DESC LIMIT 1',
    );
    await page.getByLabel('事件编号').fill(rows[0]!.id);
    await page.getByRole('button', { name: '取回执' }).click();
    await page.getByTestId('receipt').waitFor();
    await expect(page.getByTestId('receipt-event').textContent()).resolves.toBe(
      `${rows[0]!.type} #${rows[0]!.position}`,
    );
    await shot(page, '4-verification');
    await page.context().close();
  });

  it('settlements: finance sees the monthly settlements and an auditor the payouts the API reports', async () => {
    const approved = (
      await t
        .post(
          '/institution-settlements',
          { institutionId: 'H370800001', month: '2023-12' },
          'finance',
        )
        .expect(201)
    ).body;
    await t
      .post(
        `/institution-settlements/${approved.settlementId}/payment`,
        { paidOn: chinaDate(new Date()), bankReference: 'ICBC-CONSOLE-1' },
        'finance',
      )
      .expect(201);
    const listed = (await t.get('/institution-settlements', 'finance').expect(200)).body
      .settlements as Array<{
      settlementId: string;
      grossFen: Record<string, number>;
      netFen: number;
      status: string;
    }>;
    const s = listed.find((x) => x.settlementId === approved.settlementId)!;
    expect(s.status).toBe('paid');
    expect(s.netFen).toBeGreaterThan(0);
    const gross = Object.values(s.grossFen).reduce((a, b) => a + b, 0);

    const page = await signedIn('finance');
    await page.getByRole('button', { name: '预算与报表' }).click();
    const row = page
      .getByRole('region', { name: '月度结算与拨付' })
      .locator(`tr[data-settlement="${s.settlementId}"]`);
    expect(
      await settled(() => row.getByTestId('settlement-net').textContent(), yuan(s.netFen)),
    ).toBe(yuan(s.netFen));
    await expect(row.getByTestId('settlement-gross').textContent()).resolves.toBe(yuan(gross));
    await expect(row.getByTestId('settlement-status').textContent()).resolves.toBe('已拨付');
    await shot(page, '5-settlements');
    await page.context().close();

    const auditor = await signedIn('auditor');
    await auditor.getByRole('button', { name: '查询' }).click();
    const payout = auditor
      .getByRole('region', { name: '拨付（支付给机构）' })
      .locator(`tr[data-settlement="${s.settlementId}"]`);
    expect(
      await settled(() => payout.getByTestId('settlement-net').textContent(), yuan(s.netFen)),
    ).toBe(yuan(s.netFen));
    await auditor.context().close();
  });

  it('correction: an investigator corrects a claim in yuan and sees what the funds recover, as the API records it', async () => {
    // a claim of the seed still settled (neither reversed nor corrected)
    let claimId = '';
    let settledData: { totalCostFen: number; policyCostFen: number } | undefined;
    for (const id of seed.claims) {
      const claim = (await t.get(`/claims/${id}`, 'investigator').expect(200)).body;
      if (claim.status === 'settled' && claim.breakdown.basicFen > 0) {
        claimId = id;
        settledData = claim.events[0].data;
        break;
      }
    }
    expect(claimId).not.toBe('');
    // half the policy-range cost disallowed, in whole yuan
    const policyCostFen = Math.floor(settledData!.policyCostFen / 200) * 100;
    const totalCostFen = settledData!.totalCostFen - (settledData!.policyCostFen - policyCostFen);

    const page = await signedIn('investigator');
    await page.getByRole('button', { name: '回放与稽核' }).click();
    const form = page.getByRole('region', { name: '部分追回（更正结算）' });
    await form.getByLabel('结算').fill(claimId);
    await form.getByLabel('更正后总费用（元）').fill(String(totalCostFen / 100));
    await form.getByLabel('更正后政策范围内费用（元）').fill(String(policyCostFen / 100));
    await form.getByLabel('原因').fill('超范围用药，部分追回');
    await form.getByRole('button', { name: '更正' }).click();
    await form.getByTestId('recovered-total').waitFor();

    const claim = (await t.get(`/claims/${claimId}`, 'investigator').expect(200)).body;
    expect(claim.status).toBe('corrected');
    const corrected = claim.events.find((e: { type: string }) => e.type === 'ClaimCorrected').data;
    expect(corrected.after).toMatchObject({ totalCostFen, policyCostFen });
    const recovered = Object.values(corrected.recovered as Record<string, number>).reduce(
      (a, b) => a + b,
      0,
    );
    expect(recovered).toBeGreaterThan(0);
    await expect(form.getByTestId('recovered-total').textContent()).resolves.toBe(yuan(recovered));
    await shot(page, '6-correction');
    await page.context().close();
  });

  it('switches to English, names every control, and reaches the screens by keyboard', async () => {
    const page = await signedIn('auditor');
    await page.getByRole('button', { name: '切换语言' }).click();
    await page.getByRole('button', { name: 'Money flow' }).waitFor();
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('button, input, select')]
        .filter((el) => {
          const labelled =
            el.closest('label') ||
            el.getAttribute('aria-label') ||
            (el.id && document.querySelector(`label[for="${el.id}"]`));
          return !labelled && !(el.textContent ?? '').trim();
        })
        .map((el) => el.outerHTML),
    );
    expect(unnamed).toEqual([]);
    await page.locator('body').focus();
    const reached: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement?.textContent ?? ''));
    }
    expect(reached).toEqual(
      expect.arrayContaining(['Replay & investigation', 'Budget & statements', 'Verification']),
    );
    await shot(page, '0-english');
    await page.context().close();
  });

  it('access log: an investigator sees each clear read as GET /access-log records it', async () => {
    const personId = seed.persons[0]!;
    await t.get(`/persons/${personId}`, 'investigator').expect(200);
    await t.get(`/persons/${personId}`, 'clerk').expect(200);
    const entries = (await t.get(`/access-log?personId=${personId}`, 'investigator').expect(200))
      .body.entries as { actor: string; role: string; endpoint: string }[];
    expect(entries.length).toBeGreaterThanOrEqual(2);
    const page = await signedIn('investigator');
    await page.getByRole('button', { name: '访问日志' }).click();
    await page.getByLabel('参保人编号（可留空查看全部）').fill(personId);
    await page.getByRole('button', { name: '查询' }).click();
    const table = page.getByRole('table', { name: '访问日志' });
    expect(await settled(() => table.locator('tbody tr').count(), entries.length)).toBe(
      entries.length,
    );
    const cells = await table
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [...r.querySelectorAll('td')].slice(1).map((td) => td.textContent)),
      );
    expect(cells).toEqual(entries.map((e) => [e.actor, e.role, personId, e.endpoint]));
    await shot(page, '5-access-log');
    await page.context().close();
  });

  it('replay: an erased person shows 已删除 in place of name and resident ID', async () => {
    const nationalId = residentId('1988-02-02');
    const personId = (
      await t
        .post(
          '/persons',
          { nationalId, name: '删除测试', birthDate: '1988-02-02', regionCode: seedRegion },
          'clerk',
        )
        .expect(201)
    ).body.personId as string;
    await t
      .post(`/persons/${personId}/erasure`, { legalBasis: '《个人信息保护法》第四十七条' }, 'admin')
      .expect(201);
    const page = await signedIn('investigator');
    await page.getByRole('button', { name: '回放与稽核' }).click();
    await page.getByLabel('编号').fill(personId);
    await page.getByRole('button', { name: '查询' }).first().click();
    await page.getByTestId('erased').waitFor();
    await expect(page.getByTestId('national-id').textContent()).resolves.toBe('已删除');
    await expect(page.locator('main').textContent()).resolves.not.toContain('删除测试');
    await expect(page.locator('main').textContent()).resolves.not.toContain(nationalId);
    await page.context().close();
  });

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
