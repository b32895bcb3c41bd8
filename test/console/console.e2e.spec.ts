import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApp, testKeys, type TestApp, type TestRole } from '../support/test-app.js';
import { seedCounty, seedRegion, seedYear, type Seed } from './seed.js';

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

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
