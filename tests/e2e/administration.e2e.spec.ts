// The administrator's office in a real browser: the built web app served by the real API on a fresh PostgreSQL with the
// demo office. The installation administrator creates, resets, disables, enables and re-roles accounts and imports a
// roster; the new secretary changes their own password; every signed-in page says when the figures are delayed or the
// server is away; the live overview stream carries no token in its address. Chinese and English, desktop and phone.
// Screenshots go to test-output/screenshots.
import type { BrowserContext, Page, Request } from 'playwright-core';
import { describeInChromium, fetchFromPage, logInThroughForm, screenshot, startBrowserApp, type BrowserApp, signedIn } from './support/browser-app';
import { chooseFromMenu, message, pick } from './support/antd';
import { fieldErrors, horizontalOverflow, inViewport } from './support/layout';

jest.setTimeout(180_000);

const NEW_USER = 'zhou-b03';
const NEW_NAME = '周明（提案委员会党支部副书记）';
const INITIAL_PASSWORD = 'Chushi-2009-mima';
const RESET_PASSWORD = 'Chongzhi-2009-mima';
const OWN_PASSWORD = 'Ziji-gaide-2009';
const B03_NAME = '提案委员会党支部';
const B10_NAME = '机关服务中心党支部';

const CSV_HEADER = '支部编号,支部名称,书记,党员编号,姓名,是否党组成员,入党或加入日期';
/** Row 2 is fine; 3 has a bad leader flag and date; 4 a new branch without its name; 5 an existing member under another name. */
const BAD_CSV = [
  CSV_HEADER,
  'B03,,,M900,测试甲,否,2009-03-01',
  'B11,新建测试党支部,李书记,M901,测试乙,也许,2009-13-01',
  'B12,,,M902,测试丙,否,',
  'B03,,,M001,改名者,否,',
].join('\r\n');
const NEW_BRANCH_NAME = '新建测试党支部';

async function goodRosterXlsx(): Promise<Buffer> {
  const ExcelJS = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名册');
  sheet.addRow(CSV_HEADER.split(','));
  sheet.addRow(['B11', NEW_BRANCH_NAME, '李书记', 'M901', '测试乙', '是', '2009-03-01']);
  sheet.addRow(['B11', '', '', 'M902', '测试丙', '否', '2009-03-02']);
  sheet.addRow(['B03', '', '', 'M903', '测试丁', '否', '']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Signs in over HTTP from the test, as a second browser would: the status says whether the password works. */
async function loginStatus(world: BrowserApp, username: string, password: string): Promise<number> {
  const response = await fetch(`${world.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return response.status;
}

async function meStatus(world: BrowserApp, token: string): Promise<number> {
  return (await fetch(`${world.baseUrl}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } })).status;
}

/** Picks an option of an antd select by its visible label. */

async function chooseFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('roster-choose').click()]);
  await chooser.setFiles(file);
}

describeInChromium('administration, own password, freshness banner and the live stream in Chromium', () => {
  let world: BrowserApp;
  let adminContext: BrowserContext;
  let admin: Page;
  let unitName: string;

  beforeAll(async () => {
    world = await startBrowserApp();
    const units = await world.api.http
      .get('/api/units')
      .set('Authorization', `Bearer ${await world.token('admin')}`)
      .expect(200);
    unitName = units.body[0].name;
    adminContext = await world.newContext({ width: 1440, height: 900 });
    admin = await adminContext.newPage();
  }, 180_000);

  afterAll(async () => {
    await world?.close();
  });

  const row = (page: Page, username: string) => page.locator(`[data-testid="account-row"][data-username="${username}"]`);
  const dialog = (page: Page) => page.locator('.ant-modal').filter({ visible: true });

  it('the installation administrator creates a secretary for branch B03, resets the password, disables and enables the account, and changes a role', async () => {
    await logInThroughForm(admin, 'admin', 'admin-demo-2009', '/organisation');
    expect(await admin.getByTestId('menu-organisation').innerText()).toBe('系统管理');
    await admin.getByRole('heading', { level: 3, name: '系统管理' }).waitFor();
    expect(await admin.getByTestId('admin-unit-select').innerText()).toContain(unitName);

    // People and things by name: the role in words, the branch by its name, the installation's administrator "系统级".
    await row(admin, 'sec-b03').waitFor();
    expect(await row(admin, 'sec-b03').getByTestId('account-role-label').innerText()).toBe('支部书记');
    expect(await row(admin, 'sec-b03').getByTestId('account-branch-name').innerText()).toBe(B03_NAME);
    expect(await row(admin, 'leader').getByTestId('account-role-label').innerText()).toBe('领导小组');
    expect(await row(admin, 'admin').innerText()).toContain('系统级');
    await admin.getByTestId('account-search').locator('input').fill('提案委员会');
    await admin.waitForFunction(() => document.querySelectorAll('[data-testid="account-row"]').length === 1);
    await admin.getByTestId('account-search').locator('input').fill('');
    await row(admin, 'leader').waitFor();
    expect(await inViewport(admin, admin.getByTestId('create-account'))).toBe(true);
    await screenshot(admin, 'admin-accounts');

    // Create: the two passwords must agree before anything is sent; a taken username is shown on its field.
    let creates = 0;
    admin.on('request', (r: Request) => void (r.method() === 'POST' && new URL(r.url()).pathname === '/api/accounts' && (creates += 1)));
    // A form refused in the browser is an answer on its fields, not an error: nothing uncaught reaches the page.
    const uncaught: string[] = [];
    admin.on('pageerror', (error) => uncaught.push(error.message));
    await admin.getByTestId('create-account').click();
    const create = dialog(admin);
    await create.getByTestId('account-username').fill('sec-b03');
    await create.getByTestId('account-display-name').fill(NEW_NAME);
    expect(await create.getByTestId('account-role').innerText()).toContain('支部书记');
    await pick(admin, 'account-branch', B03_NAME, create);
    await create.getByTestId('password-new').fill(INITIAL_PASSWORD);
    await create.getByTestId('password-confirm').fill(`${INITIAL_PASSWORD}x`);
    await create.getByTestId('create-account-submit').click();
    await fieldErrors(create).filter({ hasText: '两次输入的密码不一致' }).waitFor();
    expect(creates).toBe(0);
    expect(uncaught).toEqual([]);
    await create.getByTestId('password-confirm').fill(INITIAL_PASSWORD);
    await create.getByTestId('create-account-submit').click();
    await fieldErrors(create).filter({ hasText: '已被使用' }).waitFor();
    expect(creates).toBe(1);
    await screenshot(admin, 'admin-create-account');
    await create.getByTestId('account-username').fill(NEW_USER);
    // Watch for the confirmation before the click: it shows for a few seconds only.
    await Promise.all([message(admin, `已创建账号「${NEW_NAME}」`).waitFor(), create.getByTestId('create-account-submit').click()]);
    await create.waitFor({ state: 'hidden' });
    const created = row(admin, NEW_USER);
    await created.waitFor();
    expect(await created.getByTestId('account-role-label').innerText()).toBe('支部书记');
    expect(await created.getByTestId('account-branch-name').innerText()).toBe(B03_NAME);
    expect(await created.getByTestId('account-status').innerText()).toBe('正常');
    const listed = JSON.parse((await fetchFromPage(admin, '/api/accounts')).text).find((a: { username: string }) => a.username === NEW_USER);
    expect(listed).toMatchObject({ displayName: NEW_NAME, role: 'secretary', unitId: 'demo-unit', branchId: 'B03', disabled: false });
    expect(await loginStatus(world, NEW_USER, INITIAL_PASSWORD)).toBe(200);

    // Reset the password: the old one stops working, the new one works.
    await created.getByTestId('account-reset').click();
    const reset = dialog(admin);
    await reset.getByTestId('password-new').fill(RESET_PASSWORD);
    await reset.getByTestId('password-confirm').fill(RESET_PASSWORD);
    await reset.getByTestId('account-reason').fill('本人遗忘初始密码（端到端测试）');
    // Watch for the confirmation before the click: it shows for a few seconds only.
    await Promise.all([message(admin, `已重置「${NEW_NAME}」的密码`).waitFor(), reset.getByTestId('reset-password-submit').click()]);
    expect(await loginStatus(world, NEW_USER, INITIAL_PASSWORD)).toBe(401);
    expect(await loginStatus(world, NEW_USER, RESET_PASSWORD)).toBe(200);

    // Disable: the dialog warns and will not go without a reason; then the account cannot sign in.
    await created.getByTestId('account-disable').click();
    const disable = dialog(admin);
    expect(await disable.getByTestId('disable-enable-warning').innerText()).toContain('将立即退出所有登录');
    await disable.getByTestId('disable-enable-submit').click();
    await fieldErrors(disable).filter({ hasText: '请填写原因' }).waitFor();
    await disable.getByTestId('account-reason').fill('借调外单位（端到端测试）');
    await screenshot(admin, 'admin-disable-confirm');
    // Watch for the confirmation before the click: it shows for a few seconds only.
    await Promise.all([message(admin, `已停用账号「${NEW_NAME}」`).waitFor(), disable.getByTestId('disable-enable-submit').click()]);
    await admin.locator(`[data-testid="account-row"][data-username="${NEW_USER}"][data-disabled="true"]`).waitFor();
    expect(await created.getByTestId('account-status').innerText()).toBe('已停用');
    expect(await loginStatus(world, NEW_USER, RESET_PASSWORD)).toBe(401);

    await created.getByTestId('account-enable').click();
    const enable = dialog(admin);
    await enable.getByTestId('account-reason').fill('借调结束（端到端测试）');
    // Watch for the confirmation before the click: it shows for a few seconds only.
    await Promise.all([message(admin, `已启用账号「${NEW_NAME}」`).waitFor(), enable.getByTestId('disable-enable-submit').click()]);
    await admin.locator(`[data-testid="account-row"][data-username="${NEW_USER}"][data-disabled="false"]`).waitFor();
    expect(await created.getByTestId('account-status').innerText()).toBe('正常');

    // Change a role: B10's secretary joins the leading group, then goes back to a branch picked by name.
    const b10 = row(admin, 'sec-b10');
    await b10.getByTestId('account-change-role').click();
    const toLeader = dialog(admin);
    await pick(admin, 'role-role', '领导小组', toLeader);
    await toLeader.getByTestId('account-reason').fill('调任领导小组（端到端测试）');
    // Watch for the confirmation before the click: it shows for a few seconds only.
    await Promise.all([message(admin, '领导小组').waitFor(), toLeader.getByTestId('change-role-submit').click()]);
    await admin.locator('[data-testid="account-row"][data-username="sec-b10"][data-role="leading_group"]').waitFor();
    expect(await b10.getByTestId('account-role-label').innerText()).toBe('领导小组');
    expect(await b10.getByTestId('account-branch-name').innerText()).toBe('—');
    await b10.getByTestId('account-change-role').click();
    const back = dialog(admin);
    await pick(admin, 'role-role', '支部书记', back);
    await back.getByTestId('change-role-submit').click();
    await fieldErrors(back).filter({ hasText: '请选择支部' }).waitFor();
    await pick(admin, 'role-branch', B10_NAME, back);
    await back.getByTestId('change-role-submit').click();
    await admin.locator('[data-testid="account-row"][data-username="sec-b10"][data-role="secretary"]').waitFor();
    expect(await b10.getByTestId('account-branch-name').innerText()).toBe(B10_NAME);
    const accounts = JSON.parse((await fetchFromPage(admin, '/api/accounts')).text) as { username: string; role: string; branchId: string | null }[];
    expect(accounts.find((a) => a.username === 'sec-b10')).toMatchObject({ role: 'secretary', branchId: 'B10' });
  });

  it('the new secretary signs in and changes their own password: the old one no longer signs in, the new one does', async () => {
    const context = await world.newContext({ width: 1440, height: 900 });
    const page = await context.newPage();
    await logInThroughForm(page, NEW_USER, RESET_PASSWORD, '/my-branch');
    const before = await page.evaluate(() => sessionStorage.getItem('ledger.token') ?? '');
    const change = dialog(page);
    await chooseFromMenu(page, page.getByTestId('user-menu'), page.getByTestId('change-password'), change);
    await change.getByTestId('password-current').fill('not-my-password');
    await change.getByTestId('password-new').fill(OWN_PASSWORD);
    await change.getByTestId('password-confirm').fill(OWN_PASSWORD);
    await change.getByTestId('password-submit').click();
    await fieldErrors(change).filter({ hasText: '当前密码不正确' }).waitFor();
    // The same password again: the server refuses it, on the field.
    await change.getByTestId('password-current').fill(RESET_PASSWORD);
    await change.getByTestId('password-new').fill(RESET_PASSWORD);
    await change.getByTestId('password-confirm').fill(RESET_PASSWORD);
    await change.getByTestId('password-submit').click();
    await fieldErrors(change).filter({ hasText: '新密码不能与当前密码相同' }).waitFor();
    await change.getByTestId('password-new').fill(OWN_PASSWORD);
    await change.getByTestId('password-confirm').fill(OWN_PASSWORD);
    await screenshot(page, 'secretary-change-password');
    // Watch for the confirmation before the click: it shows for a few seconds only.
    await Promise.all([message(page, '密码已修改').waitFor(), change.getByTestId('password-submit').click()]);
    await change.waitFor({ state: 'hidden' });

    // The page keeps working on the new token; the old one is refused.
    const after = await page.evaluate(() => sessionStorage.getItem('ledger.token') ?? '');
    expect(after).not.toBe(before);
    expect(await meStatus(world, before)).toBe(401);
    expect(await meStatus(world, after)).toBe(200);
    await page.getByTestId('menu-study').click();
    await page.getByTestId('session-row').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/study');

    const fresh = await world.newContext();
    const again = await fresh.newPage();
    await again.goto('/login');
    await again.getByTestId('login-username').fill(NEW_USER);
    await again.getByTestId('login-password').fill(RESET_PASSWORD);
    await again.getByTestId('login-submit').click();
    expect(await again.getByTestId('login-error').innerText()).toContain('用户名或密码错误');
    await logInThroughForm(again, NEW_USER, OWN_PASSWORD, '/my-branch');
    await fresh.close();
    await context.close();
  });

  it('roster import: a bad file lists its refused rows and cannot be imported; a good one is previewed, then imported', async () => {
    await admin.goto('/organisation?tab=import');
    await admin.getByTestId('roster-columns-toggle').click();
    const columns = admin.getByTestId('roster-columns');
    await columns.getByText('党员编号', { exact: true }).waitFor();
    await columns.getByText('memberId', { exact: true }).waitFor();
    const branchesBefore = Number(await admin.getByTestId('admin-branch-count').getAttribute('data-value'));
    const membersBefore = Number(await admin.getByTestId('admin-member-count').getAttribute('data-value'));

    await chooseFile(admin, { name: '名册-有误.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${BAD_CSV}\r\n`, 'utf8') });
    expect(await admin.getByTestId('roster-import').isDisabled()).toBe(true);
    await admin.getByTestId('roster-preview').click();
    const report = admin.getByTestId('roster-report');
    await report.waitFor();
    expect(Number(await report.getByTestId('roster-rows').getAttribute('data-value'))).toBe(4);
    expect(Number(await report.getByTestId('roster-refused').getAttribute('data-value'))).toBe(3);
    const refused = await report
      .getByTestId('refused-row')
      .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-row')}:${r.getAttribute('data-field')}`));
    expect(refused).toEqual(expect.arrayContaining(['3:isLeader', '3:joinedOn', '4:branchName', '5:name']));
    expect(await report.getByTestId('refused-row').first().innerText()).toMatch(/^3\s+是否党组成员/);
    expect(await report.getByTestId('roster-refused-message').innerText()).toContain('3 行有误');
    expect(await admin.getByTestId('roster-import').isDisabled()).toBe(true);
    await report.scrollIntoViewIfNeeded();
    await screenshot(admin, 'admin-roster-refused');

    await chooseFile(admin, {
      name: '名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await goodRosterXlsx(),
    });
    await report.waitFor({ state: 'detached' });
    await admin.getByTestId('roster-preview').click();
    await report.waitFor();
    expect(await report.getAttribute('data-refused')).toBe('0');
    const figure = async (key: string) => Number(await report.getByTestId(`roster-${key}`).getAttribute('data-value'));
    expect([await figure('rows'), await figure('accepted'), await figure('branches'), await figure('members')]).toEqual([3, 3, 1, 3]);
    expect(await report.getByTestId('roster-ready').innerText()).toContain('新建 1 个支部、新增 3 名党员');
    const importButton = admin.getByTestId('roster-import');
    expect(await importButton.isEnabled()).toBe(true);
    const result = admin.getByTestId('roster-result');
    await Promise.all([message(admin, '导入完成：新建 1 个支部，新增 3 名党员').waitFor(), importButton.click()]);
    await result.waitFor();
    await result.getByText(`新建的支部：${NEW_BRANCH_NAME}`).waitFor();
    expect(await importButton.isDisabled()).toBe(true);
    await admin.locator(`[data-testid="admin-branch-count"][data-value="${branchesBefore + 1}"]`).waitFor();
    expect(Number(await admin.getByTestId('admin-member-count').getAttribute('data-value'))).toBe(membersBefore + 3);
    await screenshot(admin, 'admin-roster-imported');
    await admin.getByTestId('tab-branches').click();
    await admin.locator('[data-testid="branch-row"]').filter({ hasText: NEW_BRANCH_NAME }).waitFor();
  });

  for (const lang of ['zh', 'en'] as const) {
    for (const width of [1440, 390]) {
      it(`the administration page in ${lang === 'zh' ? 'Chinese' : 'English'} at ${width} px: no horizontal overflow, the primary buttons in view`, async () => {
        const { context, page } = await signedIn(world, 'admin', { width, height: width < 600 ? 844 : 900, lang });
        await page.goto('/organisation');
        await page.getByRole('heading', { level: 3, name: lang === 'zh' ? '系统管理' : 'Administration' }).waitFor();
        await row(page, 'leader').waitFor();
        expect(await row(page, 'leader').getByTestId('account-role-label').innerText()).toBe(lang === 'zh' ? '领导小组' : 'Leading group');
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
        expect(await inViewport(page, page.getByTestId('create-account'))).toBe(true);
        await screenshot(page, `admin-accounts-${lang}-${width}`);

        await page.getByTestId('create-account').click();
        const create = dialog(page);
        await create.getByTestId('create-account-submit').waitFor();
        expect(await inViewport(page, create.getByTestId('create-account-submit'))).toBe(true);
        expect(await create.locator('.ant-modal-title').innerText()).toBe(lang === 'zh' ? '新建账号' : 'New account');
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
        await create.locator('.ant-modal-close').click();
        await create.waitFor({ state: 'hidden' });

        await page.getByTestId('tab-import').click();
        await page.getByTestId('roster-choose').waitFor();
        expect(await inViewport(page, page.getByTestId('roster-choose'))).toBe(true);
        expect(await page.getByTestId('roster-preview').innerText()).toMatch(lang === 'zh' ? /预\s*览/ : /Preview/);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
        await context.close();
      });
    }
  }

  it('in English on a phone: creates an account, disables it after confirming, and previews a bad roster', async () => {
    const { context, page } = await signedIn(world, 'admin', { width: 390, height: 844, lang: 'en' });
    await page.goto('/organisation');
    await row(page, 'leader').waitFor();
    await page.getByTestId('create-account').click();
    const create = dialog(page);
    await create.getByTestId('account-username').fill('li-lei');
    await create.getByTestId('account-display-name').fill('Li Lei');
    await pick(page, 'account-role', 'Leading group', create);
    await create.getByTestId('password-new').fill(INITIAL_PASSWORD);
    await create.getByTestId('password-confirm').fill(INITIAL_PASSWORD);
    await screenshot(page, 'admin-create-account-phone-en');
    // Watch for the confirmation before the click: it shows for a few seconds only.
    await Promise.all([message(page, 'Account “Li Lei” created').waitFor(), create.getByTestId('create-account-submit').click()]);
    const created = row(page, 'li-lei');
    await created.waitFor();
    expect(await created.getByTestId('account-role-label').innerText()).toBe('Leading group');
    await created.getByTestId('account-disable').scrollIntoViewIfNeeded();
    expect(await inViewport(page, created.getByTestId('account-disable'))).toBe(true);
    await created.getByTestId('account-disable').click();
    const disable = dialog(page);
    expect(await disable.getByTestId('disable-enable-warning').innerText()).toContain('signed out everywhere at once');
    await disable.getByTestId('account-reason').fill('Left the office (end-to-end test)');
    expect(await inViewport(page, disable.getByTestId('disable-enable-submit'))).toBe(true);
    // Watch for the confirmation before the click: it shows for a few seconds only.
    await Promise.all([message(page, 'Account “Li Lei” disabled').waitFor(), disable.getByTestId('disable-enable-submit').click()]);
    await page.locator('[data-testid="account-row"][data-username="li-lei"][data-disabled="true"]').waitFor();
    expect(await created.getByTestId('account-status').innerText()).toBe('Disabled');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    await created.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-accounts-phone-en-disabled');

    await page.getByTestId('tab-import').click();
    await chooseFile(page, { name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV, 'utf8') });
    await page.getByTestId('roster-preview').click();
    const report = page.getByTestId('roster-report');
    await report.waitFor();
    expect(await report.getByTestId('roster-refused-message').innerText()).toContain('3 rows are refused');
    await report.getByRole('columnheader', { name: 'Column · Reason' }).waitFor();
    expect(await report.getByTestId('refused-row').first().innerText()).toMatch(/^3\s+Leading group member\s+isLeader/);
    expect(await report.getByTestId('refused-row').count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByTestId('roster-import').isDisabled()).toBe(true);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    await report.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-import-phone-en');
    await context.close();
  });

  it('a unit administrator sees their own unit, fixed, and creates an account in it', async () => {
    await world.api.signIn({ username: 'unit-admin', password: 'Unit-admin-2009', role: 'administrator', unitId: 'demo-unit' });
    const { context, page } = await signedIn(world, 'unit-admin', { width: 1440, height: 900, lang: 'zh' });
    await page.goto('/organisation');
    await row(page, 'leader').waitFor();
    expect(await page.getByTestId('admin-unit-name').innerText()).toBe(unitName);
    expect(await page.getByTestId('admin-unit-select').count()).toBe(0);
    // The installation's own administrator is not theirs to manage.
    expect(await row(page, 'admin').count()).toBe(0);
    await page.getByTestId('create-account').click();
    const create = dialog(page);
    expect(await create.getByTestId('account-unit-fixed').innerText()).toBe(unitName);
    await create.getByTestId('account-username').fill('wu-b05');
    await create.getByTestId('account-display-name').fill('吴芳');
    await pick(page, 'account-branch', '科教文卫委员会党支部', create);
    await create.getByTestId('password-new').fill(INITIAL_PASSWORD);
    await create.getByTestId('password-confirm').fill(INITIAL_PASSWORD);
    // Watch for the confirmation before the click: it shows for a few seconds only.
    await Promise.all([message(page, '已创建账号「吴芳」').waitFor(), create.getByTestId('create-account-submit').click()]);
    expect(await row(page, 'wu-b05').getByTestId('account-branch-name').innerText()).toBe('科教文卫委员会党支部');
    const accounts = JSON.parse((await fetchFromPage(page, '/api/accounts')).text) as { username: string; unitId: string; branchId: string }[];
    expect(accounts.find((a) => a.username === 'wu-b05')).toMatchObject({ unitId: 'demo-unit', branchId: 'B05' });
    await context.close();
  });

  it('every signed-in page shows a banner while the figures are delayed and while the server cannot be reached, and drops it after', async () => {
    const { context, page, token } = await signedIn(world, 'leader', { width: 1440, height: 900, lang: 'zh' });
    const streams: Request[] = [];
    page.on('request', (r) => void (r.url().includes('/overview/stream') && streams.push(r)));
    let inFlight = 0;
    let mostInFlight = 0;
    let delayed = true;
    // Delayed while `delayed`; each answer takes a while, so that questions asked meanwhile would overlap.
    await page.route('**/api/projections/freshness', async (route) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((done) => setTimeout(done, 1_500));
      inFlight -= 1;
      if (!delayed) return route.continue().catch(() => undefined);
      const since = new Date(Date.now() - 95_000).toISOString();
      await route
        .fulfill({ json: { ok: true, delayed: true, eventsBehind: 42, secondsBehind: 17, heldBack: { events: 42, since, blockingPid: 4242 } } })
        .catch(() => undefined);
    });
    await page.goto('/overview');
    await page.getByTestId('overview-campaign-numbers').waitFor();
    const banner = page.getByTestId('freshness-banner');
    await page.locator('[data-testid="freshness-banner"][data-kind="delayed"]').waitFor({ timeout: 15_000 });
    const text = await banner.innerText();
    // Held back for 95 s, more than the 17 s the projector says it is behind.
    expect(text).toMatch(/数据更新延迟：统计数字可能滞后 9[5-9] 秒/);
    expect(text).toContain('有 42 个已提交的事件被一个未结束的数据库事务挡住');
    // Asking again (back online, back on the tab) while a question is out sends no second one.
    await page.evaluate(() => {
      for (let i = 0; i < 5; i++) window.dispatchEvent(new Event('online'));
    });
    await screenshot(page, 'banner-delayed');
    delayed = false;
    await banner.waitFor({ state: 'detached', timeout: 25_000 });
    expect(mostInFlight).toBe(1);

    // The live overview was opened with the Authorization header: no token anywhere in its address.
    await page.locator('[data-testid="live-mode"][data-mode="live"]').waitFor({ timeout: 15_000 });
    expect(streams.length).toBeGreaterThan(0);
    for (const request of streams) {
      expect(request.url()).not.toMatch(/access_token|token=/i);
      expect(request.url()).not.toContain(token);
      expect(request.url()).toMatch(/\/api\/campaigns\/[^/]+\/overview\/stream$/);
      expect(await request.headerValue('authorization')).toBe(`Bearer ${await page.evaluate(() => sessionStorage.getItem('ledger.token'))}`);
    }

    // The server away (every API request fails), in English: the offline banner, gone once the server answers again.
    await page.getByTestId('lang-switch').click();
    await page.unroute('**/api/projections/freshness');
    await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await page.locator('[data-testid="freshness-banner"][data-kind="offline"]').waitFor({ timeout: 25_000 });
    expect(await banner.innerText()).toContain('Cannot reach the server');
    await screenshot(page, 'banner-offline');
    await page.unroute('**/api/**');
    await banner.waitFor({ state: 'detached', timeout: 30_000 });
    await context.close();
  });
});
