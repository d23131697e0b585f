// Issue 5 in a real browser: the auditor's pages (history, as-of & diff, verify) on the built app, the real API and a
// fresh PostgreSQL with the demo office; an auditor meets no write control and the API refuses their writes.
import { createHash } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import {
  DEMO_CAMPAIGN,
  describeInChromium,
  fetchFromPage,
  logInThroughForm,
  screenshot,
  screenshotOf,
  startBrowserApp,
  WRITE_CONTROLS,
  type BrowserApp,
} from './support/browser-app';

jest.setTimeout(120_000);

const EVIDENCE = Buffer.from('提案委员会党支部 专题学习会议记录（端到端测试）\n', 'utf8');
const EVIDENCE_SHA256 = createHash('sha256').update(EVIDENCE).digest('hex');
const NOTE = '已组织专题学习（端到端测试）';
const REOPEN_REASON = '佐证材料只有会议记录，缺少签到表，请补充后重新登记';
const BRANCH = 'B03';
const BRANCH_NAME = '提案委员会党支部';

describeInChromium('auditor pages in Chromium (issue 5)', () => {
  let world: BrowserApp;
  let context: BrowserContext;
  let auditor: Page;
  let instanceKey: string;
  let laterKey: string;
  let beforeAnything: string;
  let beforeLater: string;

  beforeAll(async () => {
    world = await startBrowserApp();
    // Given: the secretary of B03 completed a task with evidence and reopened it with a reason; then completed another.
    const http = world.api.http;
    const login = await http.post('/api/auth/login').send({ username: 'sec-b03', password: 'sec-demo-2009' }).expect(200);
    const bearer = `Bearer ${login.body.token}`;
    const instances = await http.get(`/api/campaigns/${DEMO_CAMPAIGN}/instances?branchId=${BRANCH}`).set('Authorization', bearer).expect(200);
    const open = instances.body.instances.filter((i: { status: string; scope: string }) => i.status === 'open' && i.scope === 'branch');
    [instanceKey, laterKey] = [open[0].key, open[1].key];
    const path = (key: string) => `/api/campaigns/${DEMO_CAMPAIGN}/branches/${BRANCH}/instances/${encodeURIComponent(key)}`;
    const tick = async () => {
      await new Promise((done) => setTimeout(done, 50));
      const at = new Date().toISOString();
      await new Promise((done) => setTimeout(done, 50));
      return at;
    };
    beforeAnything = await tick();
    await http
      .post(`${path(instanceKey)}/complete`)
      .set('Authorization', bearer)
      .field('note', NOTE)
      .attach('evidence', EVIDENCE, { filename: '专题学习会议记录.txt', contentType: 'text/plain' })
      .expect(201);
    await http
      .post(`${path(instanceKey)}/reopen`)
      .set('Authorization', bearer)
      .send({ reason: REOPEN_REASON })
      .expect(201);
    beforeLater = await tick();
    await http
      .post(`${path(laterKey)}/complete`)
      .set('Authorization', bearer)
      .field('note', '按时完成')
      .expect(201);

    context = await world.newContext({ width: 1600, height: 900 });
    auditor = await context.newPage();
    await logInThroughForm(auditor, 'auditor', 'auditor-demo-2009', '/overview');
  }, 180_000);

  afterAll(async () => {
    await world?.close();
  });

  const writeControls = () => auditor.locator(WRITE_CONTROLS).count();

  it("shows an instance's full history: completed then reopened, with actors, roles, reasons and the evidence hash", async () => {
    await auditor.getByTestId('menu-history').click();
    await auditor.waitForURL('**/audit/history');
    await auditor.getByTestId('history-row').first().waitFor();
    expect(await auditor.getByTestId('history-total').getAttribute('data-total').then(Number)).toBeGreaterThan(100);

    await auditor.getByTestId('history-scope-branch').click();
    await auditor.getByTestId('history-branch').click();
    await auditor.locator(`.ant-select-item-option[title="${BRANCH_NAME}"]`).click();
    const links = auditor.locator(`[data-testid="history-instance-link"][data-key="${instanceKey}"]`);
    await links.first().waitFor();
    expect(await links.count()).toBe(2);
    const reopenedRow = auditor.locator('[data-testid="history-row"][data-type="TaskReopened"]');
    await expect(reopenedRow.getByTestId('history-reason').innerText()).resolves.toBe(REOPEN_REASON);
    const completedRow = auditor.locator('[data-testid="history-row"][data-type="TaskCompleted"]').filter({ has: links.first() });
    expect(await completedRow.getByTestId('evidence-hash').getAttribute('data-sha256')).toBe(EVIDENCE_SHA256);
    await reopenedRow.scrollIntoViewIfNeeded();
    await screenshot(auditor, 'auditor-history');

    await links.first().click();
    const drawer = auditor.getByTestId('instance-history');
    await drawer.getByTestId('instance-history-item').first().waitFor();
    const items = await drawer.getByTestId('instance-history-item').evaluateAll((nodes) =>
      nodes.map((n) => ({
        type: n.getAttribute('data-type'),
        actor: n.getAttribute('data-actor'),
        role: n.getAttribute('data-role'),
        text: (n as HTMLElement).innerText,
      })),
    );
    expect(items.map((i) => i.type)).toEqual(['TaskCompleted', 'TaskReopened']);
    expect(items.every((i) => i.actor === 'demo-sec-b03' && i.role === 'secretary')).toBe(true);
    expect(items[0].text).toContain('登记完成');
    expect(items[0].text).toContain(NOTE);
    expect(items[0].text).toContain('支部书记');
    expect(items[1].text).toContain('退回重办');
    expect(items[1].text).toContain(REOPEN_REASON);
    expect(await drawer.getByTestId('evidence-hash').getAttribute('data-sha256')).toBe(EVIDENCE_SHA256);
    expect(await drawer.getByTestId('instance-history-key').innerText()).toBe(instanceKey);
    await auditor.waitForTimeout(400); // the drawer slides in
    await screenshot(auditor, 'auditor-instance-history');
    expect(await writeControls()).toBe(0);
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
  });

  it('filters the history by event type and by date', async () => {
    await auditor.goto(`/audit/history?scope=branch&branchId=${BRANCH}`);
    await auditor.getByTestId('history-row').first().waitFor();
    await auditor.getByTestId('history-types').click();
    await auditor.locator('.ant-select-item-option[title="退回重办"]').click();
    await auditor.keyboard.press('Escape');
    await auditor.locator('[data-testid="history-row"]').first().waitFor();
    await auditor.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="history-row"]')];
      return rows.length === 1 && rows[0].getAttribute('data-type') === 'TaskReopened';
    });
    // A date range that ended before the campaign's log began shows nothing.
    const dates = auditor.getByTestId('history-dates');
    await dates.locator('input').first().fill('2000-01-01');
    await dates.locator('input').nth(1).fill('2000-01-31');
    await dates.locator('input').nth(1).press('Enter');
    await auditor.waitForFunction(() => document.querySelectorAll('[data-testid="history-row"]').length === 0);
    await auditor.getByTestId('history-table').getByText('暂无数据').waitFor();
  });

  it('finds no write controls on any page, and the API answers 403 to a write sent from the page', async () => {
    const pages: [string, string][] = [
      ['/overview', '[data-testid="overview-campaign-numbers"]'],
      [`/branches/${BRANCH}`, '[data-testid="instance-row"]'],
      ['/plan', '[data-testid^="plan-stage-"]'],
      ['/audit/history', '[data-testid="history-row"]'],
      ['/audit/as-of', '[data-testid="as-of-show"]'],
      ['/audit/verify', '[data-testid="verify-run"]'],
    ];
    for (const [path, ready] of pages) {
      await auditor.goto(path);
      await auditor.locator(ready).first().waitFor();
      if (path.startsWith('/branches/')) {
        // The ledger's other tabs hold the study sessions and the three-ones grid: no recording there either.
        await auditor.getByRole('tab', { name: '三个一' }).click();
        await auditor.getByTestId('three-ones-row').first().waitFor();
      }
      expect({ path, writeControls: await writeControls() }).toEqual({ path, writeControls: 0 });
      expect(await auditor.getByTestId('forbidden-page').count()).toBe(0);
    }
    await auditor.goto('/plan');
    await auditor.getByText('只读').first().waitFor();

    const base = `/api/campaigns/${DEMO_CAMPAIGN}/branches/${BRANCH}/instances/${encodeURIComponent(instanceKey)}`;
    const attempts = [
      await fetchFromPage(auditor, `${base}/complete`, { method: 'POST', form: { note: '检查组代为登记' } }),
      await fetchFromPage(auditor, `${base}/reopen`, { method: 'POST', json: { reason: 'auditor' } }),
      await fetchFromPage(auditor, `/api/campaigns/${DEMO_CAMPAIGN}/stages/S1/close`, { method: 'POST', json: { carryOver: true } }),
    ];
    expect(attempts.map((a) => a.status)).toEqual([403, 403, 403]);
    expect(attempts.every((a) => /auditor/.test(JSON.parse(a.text).message))).toBe(true);
    const after = await fetchFromPage(
      auditor,
      `/api/audit/history?campaignId=${DEMO_CAMPAIGN}&branchId=${BRANCH}&type=TaskCompleted,TaskReopened&pageSize=1000`,
    );
    const forKey = JSON.parse(after.text).items.filter((e: { data: { instanceKey?: string } }) => e.data.instanceKey === instanceKey);
    expect(forKey.map((e: { type: string }) => e.type)).toEqual(['TaskCompleted', 'TaskReopened']);
  });

  it('shows the figures as of a moment and the changes between two moments', async () => {
    const numbers = () => auditor.getByTestId('as-of-campaign-numbers');
    const now = JSON.parse((await fetchFromPage(auditor, `/api/campaigns/${DEMO_CAMPAIGN}/overview`)).text).totals.completion;
    await auditor.getByTestId('menu-as-of').click();
    await auditor.getByTestId('as-of-show').click();
    await auditor.getByTestId('as-of-result').waitFor();
    expect(Number(await numbers().getAttribute('data-numerator'))).toBe(now.numerator);
    expect(Number(await numbers().getAttribute('data-denominator'))).toBe(now.denominator);

    // Before the second completion the campaign had one task fewer done; between the two moments: 2 completed, 1 reopened.
    const until = new Date().toISOString();
    await auditor.goto(`/audit/as-of?at=${encodeURIComponent(beforeLater)}&from=${encodeURIComponent(beforeAnything)}&to=${encodeURIComponent(until)}`);
    await auditor.locator(`[data-testid="as-of-result"][data-at="${beforeLater}"]`).waitFor();
    expect(Number(await numbers().getAttribute('data-numerator'))).toBe(now.numerator - 1);
    await auditor.getByTestId('diff-result').waitFor();
    expect(Number(await auditor.getByTestId('diff-summary-completed').getAttribute('data-count'))).toBe(2);
    expect(Number(await auditor.getByTestId('diff-summary-reopened').getAttribute('data-count'))).toBe(1);
    const rows = await auditor.getByTestId('diff-row').evaluateAll((nodes) => nodes.map((n) => `${n.getAttribute('data-type')} ${n.getAttribute('data-key')}`));
    expect(rows).toEqual([`TaskCompleted ${instanceKey}`, `TaskReopened ${instanceKey}`, `TaskCompleted ${laterKey}`]);
    const reopened = auditor.locator(`[data-testid="diff-row"][data-type="TaskReopened"]`);
    expect(await reopened.innerText()).toContain(REOPEN_REASON);
    await auditor.evaluate(() => window.scrollTo(0, 0));
    await screenshot(auditor, 'auditor-as-of');
    await screenshotOf(auditor.getByTestId('diff-card'), 'auditor-diff');

    await reopened.getByTestId('diff-instance-link').click();
    const drawer = auditor.getByTestId('instance-history');
    await drawer.getByTestId('instance-history-item').nth(1).waitFor();
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    // From the history, one event's moment opens the campaign as it stood then.
    await auditor.goto(`/audit/history?scope=branch&branchId=${BRANCH}&type=TaskReopened`);
    await auditor.locator('[data-testid="history-row"][data-type="TaskReopened"] .ant-table-row-expand-icon').click();
    await auditor.getByTestId('history-as-of-link').click();
    await auditor.waitForURL('**/audit/as-of?at=*');
    await auditor.getByTestId('as-of-result').waitFor();
    expect(Number(await numbers().getAttribute('data-numerator'))).toBe(now.numerator - 1);
  });

  it('verifies the hash chains, gives the digest to write down, and checks a pasted digest', async () => {
    await auditor.getByTestId('menu-verify').click();
    await auditor.getByTestId('verify-run').click();
    const result = auditor.getByTestId('verify-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect(Number(await result.getAttribute('data-events'))).toBeGreaterThan(300);
    await auditor.getByTestId('digest-run').click();
    const digest = (await auditor.getByTestId('digest-value').innerText()).trim();
    expect(digest).toMatch(/^v2:unit\.demo-unit:\d+:[0-9a-f]{64}$/);
    // The scope by the unit's name, and the events the digest covers.
    expect(await auditor.getByTestId('digest-scope').getAttribute('data-scope')).toBe('unit.demo-unit');
    expect(await auditor.getByTestId('digest-scope').innerText()).not.toContain('demo-unit');
    expect(await auditor.getByTestId('digest-meta').getAttribute('data-events')).toBe(digest.split(':')[2]);
    await auditor.getByTestId('compare-input').fill(digest);
    expect(await auditor.getByTestId('compare-parsed').innerText()).toContain(`涵盖 ${digest.split(':')[2]} 个事件`);
    await auditor.getByTestId('compare-run').click();
    const compared = auditor.getByTestId('compare-result');
    await compared.waitFor();
    // The server re-checks the log up to the digest; each auditor read is itself recorded, so the log has moved on since.
    expect(await compared.getAttribute('data-ok')).toBe('true');
    expect(await compared.getAttribute('data-version')).toBe('v2');
    expect(await compared.getAttribute('data-scope')).toBe('unit.demo-unit');
    expect(await compared.innerText()).toMatch(/一致：该摘要涵盖的台账（含记录时间）未被改动，其后新增 [1-9]\d* 个事件/);
    await screenshot(auditor, 'auditor-verify');

    // A digest of the whole ledger is not the unit auditor's to check: said so, not a bare error.
    await auditor.getByTestId('compare-input').fill(`v2:all:10:${'0'.repeat(64)}`);
    await auditor.getByTestId('compare-run').click();
    await auditor.getByTestId('compare-scope-error').getByText('该摘要属于另一范围').waitFor();
    await auditor.getByTestId('compare-input').fill('v3:nothing');
    await auditor.getByTestId('compare-invalid').waitFor();
    expect(await auditor.getByTestId('compare-run').isDisabled()).toBe(true);
  });

  it('downloads the 迎检 dossier (XLSX with Chinese headers) from the overview', async () => {
    await auditor.goto('/overview');
    const [download] = await Promise.all([auditor.waitForEvent('download'), auditor.getByTestId('download-dossier').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await download.path();
    const ExcelJS = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(expect.arrayContaining(['概况', '任务台账', '学习参与', '半年检查']));
    const ledger = workbook.getWorksheet('任务台账')!;
    expect(ledger.getRow(1).values).toEqual(expect.arrayContaining(['支部', '状态', '证据 SHA-256']));
    const rows = (ledger.getSheetValues() as unknown[]).filter((row): row is unknown[] => Array.isArray(row)).slice(1);
    // The second task B03's secretary completed in beforeAll is in the ledger as done, with who did it.
    expect(rows.some((row) => row.includes('已完成') && row.some((cell) => typeof cell === 'string' && cell.includes('sec-b03')))).toBe(true);
  });

  it('stays usable at phone width', async () => {
    const phone = await world.newContext({ width: 390, height: 844 });
    const page = await phone.newPage();
    await page.goto('/login');
    await page.evaluate(
      ([token, account]) => {
        sessionStorage.setItem('ledger.token', token);
        sessionStorage.setItem('ledger.account', account);
      },
      [
        await auditor.evaluate(() => sessionStorage.getItem('ledger.token') ?? ''),
        await auditor.evaluate(() => sessionStorage.getItem('ledger.account') ?? ''),
      ],
    );
    await page.goto('/audit/history');
    await page.getByTestId('history-list').getByTestId('history-row').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'auditor-history-phone');
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('menu-verify').click();
    await page.getByTestId('verify-run').click();
    await page.getByTestId('verify-result').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await phone.close();
  });
});
