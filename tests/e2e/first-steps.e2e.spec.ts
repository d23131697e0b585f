// The first steps of a real installation, in Chromium, as the README's "Deploying" tells them: an empty store (no demo
// office), the first administrator; who signs in to the web app, registers the unit, adds a branch (and a division) by
// hand and creates the leading group's account; the leader signs in, finds no campaign, plans one from the built-in 2009
// template starting next Monday and sees its plan. In Chinese on a desktop, then once in English on a 390 px phone.
// Screenshots go to test-output/screenshots (first-steps-*).
import type { BrowserContext, Locator, Page, Request } from 'playwright-core';
import { describeInChromium, fetchFromPage, logInThroughForm, screenshot, startEmptyBrowserApp, type BrowserApp } from './support/browser-app';
import { message, pick } from './support/antd';
import { fieldErrors, horizontalOverflow, inViewport } from './support/layout';

jest.setTimeout(180_000);

const ADMIN_PASSWORD = 'Diyi-guanliyuan-2009';
const LEADER_PASSWORD = 'Lingdao-xiaozu-2009';
const STAGE_NAMES = ['学习调研', '分析检查', '整改落实'];

const UNIT = { unitId: 'whzx', name: '武汉市政协机关', code: 'WHZX-2009' };
const BRANCH = { branchId: 'B01', name: '机关第一党支部', secretary: '张华' };
const DIVISION = { divisionId: 'D-OFFICE', name: '办公室' };
const LEADER = { username: 'leader-whzx', displayName: '李明（领导小组）' };
const CAMPAIGN_NAME = '深入学习实践科学发展观活动（市政协机关）';

interface TemplateItem {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly summary: { readonly weeks: number | null; readonly counts: { readonly stages: number; readonly phases: number; readonly tasks: number } };
}

/** The next Monday after today in the office's time zone (a week on when today is a Monday), and a day some days after it. */
function nextMonday(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + ((8 - day.getUTCDay()) % 7 || 7));
  return day.toISOString().slice(0, 10);
}
const plusDays = (date: string, days: number) => {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
};

const dialog = (page: Page) => page.locator('.ant-modal').filter({ visible: true });

/** Opens a dialog and waits until it has zoomed in (a click while it moves may land beside its button, on the mask). */
async function openDialog(page: Page, opener: Locator): Promise<Locator> {
  await opener.click();
  await dialog(page).waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('.ant-modal')].every((m) => !/-(appear|enter|leave)\b/.test(m.className)));
  return dialog(page);
}
/** Clicks and sees the confirmation, watched for from before the click (it shows for 3 s only, and a busy machine is slow). */
async function clickAndSee(page: Page, button: Locator, text: string): Promise<void> {
  try {
    await Promise.all([message(page, text).waitFor(), button.click()]);
  } catch (error) {
    const notices = await page.locator('.ant-message-notice').allInnerTexts();
    const dialogs = await page.locator('.ant-modal').allInnerTexts();
    // What the page showed instead, for whoever reads the failure.
    console.warn(`[first-steps] no "${text}": ${JSON.stringify({ notices, dialogs, url: page.url() })}`);
    await screenshot(page, 'first-steps-failure');
    throw error;
  }
}

/**
 * Picks an option of an antd select by its visible label, and sees it chosen: a tap that lands while the list is still
 * sliding in (a busy machine, a phone) is lost, and is then made again.
 */

/** Types a date into an antd date picker, as one can instead of clicking through the calendar. */
async function typeDate(page: Page, input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await page.waitForFunction(({ id, date }) => (document.getElementById(id) as HTMLInputElement | null)?.value === date, {
    id: (await input.getAttribute('id')) ?? '',
    date,
  });
}

/** POSTs the page sends to a path, counted from now on. */
function countPosts(page: Page, path: string): () => number {
  let count = 0;
  page.on('request', (r: Request) => void (r.method() === 'POST' && new URL(r.url()).pathname === path && (count += 1)));
  return () => count;
}

async function signInWithLanguage(
  world: BrowserApp,
  options: { width: number; height: number; lang: 'zh' | 'en' },
  username: string,
  password: string,
  home: string,
) {
  const context = await world.newContext({ width: options.width, height: options.height });
  const page = await context.newPage();
  if (options.lang === 'en') {
    // The switch on the log-in page, as a user would; the choice is remembered for the pages after it.
    await page.goto('/login');
    await page.getByTestId('lang-switch').click();
    await page
      .getByTestId('login-submit')
      .filter({ hasText: /Sign in|Log in/i })
      .waitFor();
  }
  await logInThroughForm(page, username, password, home);
  return { context, page };
}

describeInChromium('first steps on an empty installation in Chromium: register a unit, add a branch, create the leader, plan the campaign', () => {
  let world: BrowserApp;
  let template: TemplateItem;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    world = await startEmptyBrowserApp();
    // The first administrator, as `ledger account create --role administrator` makes it on an installation that has
    // nothing yet; it then creates the administrator who works in the web app, over the accounts route.
    const first = await world.token('first-admin');
    await world.api.http
      .post('/api/accounts')
      .set('Authorization', `Bearer ${first}`)
      .send({ username: 'admin', displayName: '系统管理员', role: 'administrator', password: ADMIN_PASSWORD })
      .expect(201);
    const units = await world.api.http.get('/api/units').set('Authorization', `Bearer ${first}`).expect(200);
    expect(units.body).toEqual([]);
    const templates = await world.api.http.get('/api/templates').set('Authorization', `Bearer ${first}`).expect(200);
    const builtin = (templates.body as TemplateItem[]).find((t) => t.id === 'sdp-2009');
    if (!builtin) throw new Error(`no built-in 2009 template among ${JSON.stringify(templates.body)}`);
    template = builtin;
    expect(template.summary.counts.tasks).toBeGreaterThan(0);
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await world?.close();
  });

  it('in Chinese: the administrator registers the unit, adds a branch and a division, and creates the leading group account; the leader plans the campaign', async () => {
    const { context, page: admin } = await signInWithLanguage(world, { width: 1440, height: 900, lang: 'zh' }, 'admin', ADMIN_PASSWORD, '/organisation');
    contexts.push(context);
    await admin.getByRole('heading', { level: 3, name: '系统管理' }).waitFor();

    // Nothing yet, and the way forward.
    const empty = admin.getByTestId('admin-no-units');
    await empty.waitFor();
    expect(await empty.innerText()).toContain('尚未登记任何单位');
    expect(await empty.innerText()).toContain('第一步：登记本单位');
    expect(await admin.getByTestId('create-account').count()).toBe(0);
    expect(await inViewport(admin, admin.getByTestId('register-first-unit'))).toBe(true);
    await screenshot(admin, 'first-steps-no-units');

    // Register: required fields are checked before anything is sent.
    const unitPosts = countPosts(admin, '/api/units');
    let register = await openDialog(admin, admin.getByTestId('register-first-unit'));
    await register.getByTestId('register-unit-submit').click();
    await fieldErrors(register).filter({ hasText: '请填写单位名称' }).waitFor();
    await fieldErrors(register).filter({ hasText: '请填写单位代码' }).waitFor();
    await register.getByTestId('unit-id').fill('who zx');
    await fieldErrors(register).filter({ hasText: '不含空格和冒号' }).waitFor();
    expect(unitPosts()).toBe(0);
    await register.getByTestId('unit-name').fill(UNIT.name);
    await register.getByTestId('unit-code').fill(UNIT.code);
    await register.getByTestId('unit-id').fill(UNIT.unitId);
    await screenshot(admin, 'first-steps-register-unit');
    await clickAndSee(admin, register.getByTestId('register-unit-submit'), `已登记单位「${UNIT.name}」`);
    await register.waitFor({ state: 'hidden' });
    expect(unitPosts()).toBe(1);

    // The new unit is the one shown, with what comes next, at the roster import.
    const next = admin.getByTestId('unit-next-steps');
    await next.waitFor();
    expect(await next.innerText()).toContain(`已登记单位「${UNIT.name}」`);
    expect(await next.innerText()).toContain('下一步：导入本单位的党员名册');
    expect(await admin.getByTestId('admin-unit-select').innerText()).toContain(UNIT.name);
    await admin.getByTestId('roster-choose').waitFor();
    expect(new URL(admin.url()).searchParams.get('tab')).toBe('import');
    expect(await admin.getByTestId('admin-branch-count').getAttribute('data-value')).toBe('0');
    await screenshot(admin, 'first-steps-unit-registered');

    // The same id again: refused on its field, nothing new.
    register = await openDialog(admin, admin.getByTestId('register-unit'));
    await register.getByTestId('unit-name').fill('重复登记的单位');
    await register.getByTestId('unit-code').fill('DUP');
    await register.getByTestId('unit-id').fill(UNIT.unitId);
    await register.getByTestId('register-unit-submit').click();
    await fieldErrors(register).filter({ hasText: '已登记' }).waitFor();
    await register.locator('.ant-modal-close').click();
    await register.waitFor({ state: 'hidden' });
    expect(JSON.parse((await fetchFromPage(admin, '/api/units')).text)).toEqual([{ unitId: UNIT.unitId, name: UNIT.name, code: UNIT.code }]);

    // A branch by hand (no roster file): it is listed by name, and its number cannot be taken twice.
    await admin.getByTestId('next-step-branches').click();
    await admin.getByText('尚无支部').waitFor();
    let add = await openDialog(admin, admin.getByTestId('add-branch'));
    await add.getByTestId('branch-id').fill(BRANCH.branchId);
    await add.getByTestId('branch-name').fill(BRANCH.name);
    await add.getByTestId('branch-secretary').fill(BRANCH.secretary);
    await clickAndSee(admin, add.getByTestId('add-branch-submit'), `已添加支部「${BRANCH.name}」`);
    await add.waitFor({ state: 'hidden' });
    const branchRow = admin.locator(`[data-testid="branch-row"][data-branch="${BRANCH.branchId}"]`);
    await branchRow.waitFor();
    expect(await branchRow.innerText()).toContain(BRANCH.name);
    expect(await branchRow.innerText()).toContain(BRANCH.secretary);
    await admin.locator('[data-testid="admin-branch-count"][data-value="1"]').waitFor();
    add = await openDialog(admin, admin.getByTestId('add-branch'));
    await add.getByTestId('branch-id').fill(BRANCH.branchId);
    await add.getByTestId('branch-name').fill('另一个支部');
    await add.getByTestId('branch-secretary').fill('王五');
    await add.getByTestId('add-branch-submit').click();
    await fieldErrors(add)
      .filter({ hasText: `支部 ${BRANCH.branchId} 已存在` })
      .waitFor();
    await add.locator('.ant-modal-close').click();
    await add.waitFor({ state: 'hidden' });
    expect(await admin.locator('[data-testid="branch-row"]').count()).toBe(1);
    await screenshot(admin, 'first-steps-branch-added');

    // A division by hand.
    await admin.getByTestId('tab-divisions').click();
    add = await openDialog(admin, admin.getByTestId('add-division'));
    await add.getByTestId('division-id').fill(DIVISION.divisionId);
    await add.getByTestId('division-name').fill(DIVISION.name);
    await clickAndSee(admin, add.getByTestId('add-division-submit'), `已添加处室「${DIVISION.name}」`);
    await admin.locator(`[data-testid="division-row"][data-division="${DIVISION.divisionId}"]`).filter({ hasText: DIVISION.name }).waitFor();

    // The leading group's account, in the new unit (picked by name, already chosen).
    await admin.getByTestId('tab-accounts').click();
    const create = await openDialog(admin, admin.getByTestId('create-account'));
    await create.getByTestId('account-username').fill(LEADER.username);
    await create.getByTestId('account-display-name').fill(LEADER.displayName);
    await pick(admin, 'account-role', '领导小组', create);
    expect(await create.getByTestId('account-unit').innerText()).toContain(UNIT.name);
    await create.getByTestId('password-new').fill(LEADER_PASSWORD);
    await create.getByTestId('password-confirm').fill(LEADER_PASSWORD);
    await clickAndSee(admin, create.getByTestId('create-account-submit'), `已创建账号「${LEADER.displayName}」`);
    const leaderRow = admin.locator(`[data-testid="account-row"][data-username="${LEADER.username}"]`);
    await leaderRow.waitFor();
    expect(await leaderRow.getByTestId('account-role-label').innerText()).toBe('领导小组');
    await screenshot(admin, 'first-steps-leader-account');

    // The leader signs in: no campaign yet, and the way to plan one.
    const leaderContext = await world.newContext({ width: 1440, height: 900 });
    contexts.push(leaderContext);
    const leader = await leaderContext.newPage();
    await logInThroughForm(leader, LEADER.username, LEADER_PASSWORD, '/overview');
    const none = leader.getByTestId('no-campaign');
    await none.waitFor();
    expect(await none.innerText()).toContain('本单位暂无活动');
    expect(await none.innerText()).toContain('请从活动模板制定本单位的活动计划');
    expect(await inViewport(leader, leader.getByTestId('plan-campaign'))).toBe(true);
    await screenshot(leader, 'first-steps-no-campaign');

    // The plan: the built-in template by name and size, the start a Monday; nothing is sent without a start.
    const campaignPosts = countPosts(leader, '/api/campaigns');
    const plan = await openDialog(leader, leader.getByTestId('plan-campaign'));
    await plan.getByTestId('plan-template-size').waitFor();
    expect(await plan.getByTestId('plan-unit').innerText()).toBe(UNIT.name);
    expect(await plan.getByTestId('plan-template').innerText()).toContain(template.name);
    const { stages, phases, tasks } = template.summary.counts;
    expect(await plan.getByTestId('plan-template-size').innerText()).toBe(
      `${stages} 个阶段 · ${phases} 个环节 · ${tasks} 项任务 · 共 ${template.summary.weeks} 周`,
    );
    expect(await plan.getByTestId('plan-name').inputValue()).toBe(template.name);
    await plan.getByTestId('plan-campaign-submit').click();
    await fieldErrors(plan).filter({ hasText: '请选择开始日期' }).waitFor();
    expect(campaignPosts()).toBe(0);
    await plan.getByTestId('plan-name').fill(CAMPAIGN_NAME);
    const start = nextMonday();
    await typeDate(leader, plan.locator('#plan-campaign_startDate'), start);
    const end = plusDays(start, (template.summary.weeks ?? 0) * 7 - 1);
    expect(await plan.getByTestId('plan-end-default').innerText()).toBe(`留空则按模板至 ${end}`);
    await pick(leader, 'plan-office-branch', BRANCH.name, plan);
    await screenshot(leader, 'first-steps-plan-campaign');
    await clickAndSee(leader, plan.getByTestId('plan-campaign-submit'), `已制定活动计划「${CAMPAIGN_NAME}」`);
    await plan.waitFor({ state: 'hidden' });
    expect(campaignPosts()).toBe(1);

    // The campaign's plan, at once: its name, period, task count and stages by name.
    await leader.waitForURL((url) => url.pathname === '/plan');
    await leader.getByRole('heading', { level: 3, name: '计划与转段' }).waitFor();
    expect(await leader.getByTestId('plan-campaign-name').innerText()).toBe(CAMPAIGN_NAME);
    expect(await leader.getByTestId('plan-task-count').innerText()).toBe(`${tasks} 项任务`);
    expect(await leader.getByTestId('campaign-name').innerText()).toBe(CAMPAIGN_NAME);
    await leader.getByText(`${start} ~ ${end}`).first().waitFor();
    const stageCards = leader.locator('[data-testid^="plan-stage-"]');
    expect(await stageCards.count()).toBe(stages);
    for (const [index, name] of STAGE_NAMES.entries())
      expect(await stageCards.nth(index).locator('.ant-card-head-title').innerText()).toContain(`阶段 ${index + 1} · ${name}`);
    expect(await leader.getByTestId('open-stage-S1').isEnabled()).toBe(true);
    await screenshot(leader, 'first-steps-plan');

    // What was recorded: the unit, the Monday, the office branch.
    const listed = JSON.parse((await fetchFromPage(leader, '/api/campaigns')).text) as {
      campaigns: { campaignId: string; name: string; unitId: string; startDate: string; endDate: string }[];
    };
    expect(listed.campaigns).toHaveLength(1);
    expect(listed.campaigns[0]).toMatchObject({ name: CAMPAIGN_NAME, unitId: UNIT.unitId, startDate: start, endDate: end });
    const planned = JSON.parse((await fetchFromPage(leader, `/api/campaigns/${listed.campaigns[0].campaignId}`)).text);
    expect(planned).toMatchObject({ officeBranchId: BRANCH.branchId, counts: { stages, tasks } });

    // A reload finds it again (from the server's list, not from the page's memory).
    await leader.reload();
    await leader.getByTestId('plan-campaign-name').waitFor();
    expect(await leader.getByTestId('plan-campaign-name').innerText()).toBe(CAMPAIGN_NAME);
  });

  it('a unit administrator sees their own unit and may add branches, but is offered no unit registration (the API refuses it: 403)', async () => {
    await world.api.signIn({ username: 'whzx-admin', password: 'Danwei-guanli-2009', role: 'administrator', unitId: UNIT.unitId });
    const { context, page } = await signInWithLanguage(world, { width: 1440, height: 900, lang: 'zh' }, 'whzx-admin', 'Danwei-guanli-2009', '/organisation');
    contexts.push(context);
    await page.getByTestId('tab-accounts').waitFor();
    expect(await page.getByTestId('admin-unit-name').innerText()).toBe(UNIT.name);
    expect(await page.getByTestId('register-unit').count()).toBe(0);
    expect(await page.getByTestId('register-first-unit').count()).toBe(0);
    await page.getByTestId('tab-branches').click();
    await page.getByTestId('add-branch').waitFor();
    expect((await fetchFromPage(page, '/api/units', { method: 'POST', json: { name: '越权单位', code: 'X' } })).status).toBe(403);
  });

  it('in English on a 390 px phone: a second unit with a generated id, its branch and leader; the leader plans; nothing overflows, the primary buttons are in view', async () => {
    const phone = { width: 390, height: 844, lang: 'en' as const };
    const unitName = 'Jianghan District Office';
    const { context, page: admin } = await signInWithLanguage(world, phone, 'admin', ADMIN_PASSWORD, '/organisation');
    contexts.push(context);
    await admin.getByRole('heading', { level: 3, name: 'Administration' }).waitFor();
    // Beside the unit picker (or, run alone on the empty installation, in the empty state).
    const registerButton = admin.locator('[data-testid="register-unit"], [data-testid="register-first-unit"]').first();
    await registerButton.waitFor();
    expect(await horizontalOverflow(admin)).toBeLessThanOrEqual(1);
    expect(await inViewport(admin, registerButton)).toBe(true);
    await screenshot(admin, 'first-steps-admin-phone-en');

    const register = await openDialog(admin, registerButton);
    expect(await register.locator('.ant-modal-title').innerText()).toBe('Register a unit');
    await register.getByTestId('unit-name').fill(unitName);
    await register.getByTestId('unit-code').fill('JH-2009');
    expect(await inViewport(admin, register.getByTestId('register-unit-submit'))).toBe(true);
    expect(await horizontalOverflow(admin)).toBeLessThanOrEqual(1);
    await screenshot(admin, 'first-steps-register-unit-phone-en');
    await clickAndSee(admin, register.getByTestId('register-unit-submit'), `Unit “${unitName}” registered`);
    const next = admin.getByTestId('unit-next-steps');
    await next.waitFor();
    expect(await next.innerText()).toContain("Next: import the unit's party-member roster");
    expect(await admin.getByTestId('admin-unit-select').innerText()).toContain(unitName);
    // The id was generated (and is nowhere on the page).
    const units = JSON.parse((await fetchFromPage(admin, '/api/units')).text) as { unitId: string; name: string }[];
    const unitId = units.find((u) => u.name === unitName)?.unitId ?? '';
    expect(unitId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await admin.locator('body').innerText()).not.toContain(unitId);
    expect(await horizontalOverflow(admin)).toBeLessThanOrEqual(1);
    await screenshot(admin, 'first-steps-unit-registered-phone-en');

    await next.getByTestId('next-step-branches').click();
    await admin.getByText('No branch yet').waitFor();
    expect(await inViewport(admin, admin.getByTestId('add-branch'))).toBe(true);
    const add = await openDialog(admin, admin.getByTestId('add-branch'));
    await add.getByTestId('branch-id').fill('B01');
    await add.getByTestId('branch-name').fill('First Party Branch');
    await add.getByTestId('branch-secretary').fill('Wang Fang');
    expect(await inViewport(admin, add.getByTestId('add-branch-submit'))).toBe(true);
    await clickAndSee(admin, add.getByTestId('add-branch-submit'), 'Branch “First Party Branch” added');
    const branchRow = admin.locator('[data-testid="branch-row"][data-branch="B01"]').filter({ hasText: 'First Party Branch' });
    await branchRow.waitFor();
    expect(await horizontalOverflow(admin)).toBeLessThanOrEqual(1);
    await branchRow.scrollIntoViewIfNeeded();
    await screenshot(admin, 'first-steps-branch-added-phone-en');

    await admin.getByTestId('tab-accounts').click();
    const create = await openDialog(admin, admin.getByTestId('create-account'));
    await create.getByTestId('account-username').fill('leader-jh');
    await create.getByTestId('account-display-name').fill('Zhao Lei');
    await pick(admin, 'account-role', 'Leading group', create);
    expect(await create.getByTestId('account-unit').innerText()).toContain(unitName);
    await create.getByTestId('password-new').fill(LEADER_PASSWORD);
    await create.getByTestId('password-confirm').fill(LEADER_PASSWORD);
    await clickAndSee(admin, create.getByTestId('create-account-submit'), 'Account “Zhao Lei” created');
    await admin.locator('[data-testid="account-row"][data-username="leader-jh"]').waitFor();

    const signedIn = await signInWithLanguage(world, phone, 'leader-jh', LEADER_PASSWORD, '/overview');
    contexts.push(signedIn.context);
    const leader = signedIn.page;
    const none = leader.getByTestId('no-campaign');
    await none.waitFor();
    expect(await none.innerText()).toContain('Your unit has no campaign yet');
    expect(await inViewport(leader, leader.getByTestId('plan-campaign'))).toBe(true);
    expect(await horizontalOverflow(leader)).toBeLessThanOrEqual(1);
    await screenshot(leader, 'first-steps-no-campaign-phone-en');

    const plan = await openDialog(leader, leader.getByTestId('plan-campaign'));
    await plan.getByTestId('plan-template-size').waitFor();
    expect(await plan.getByTestId('plan-unit').innerText()).toBe(unitName);
    expect(await plan.getByTestId('plan-template').innerText()).toContain(template.nameEn);
    const { stages, phases, tasks } = template.summary.counts;
    expect(await plan.getByTestId('plan-template-size').innerText()).toBe(
      `${stages} stages · ${phases} phases · ${tasks} tasks · ${template.summary.weeks} weeks`,
    );
    await plan.getByTestId('plan-name').fill('Jianghan 2009 campaign');
    const start = nextMonday();
    await typeDate(leader, plan.locator('#plan-campaign_startDate'), start);
    expect(await horizontalOverflow(leader)).toBeLessThanOrEqual(1);
    expect(await inViewport(leader, plan.getByTestId('plan-campaign-submit'))).toBe(true);
    await screenshot(leader, 'first-steps-plan-campaign-phone-en');
    await clickAndSee(leader, plan.getByTestId('plan-campaign-submit'), 'Campaign “Jianghan 2009 campaign” planned');
    await leader.waitForURL((url) => url.pathname === '/plan');
    await leader.getByRole('heading', { level: 3, name: 'Plan & stage transitions' }).waitFor();
    expect(await leader.getByTestId('plan-campaign-name').innerText()).toBe('Jianghan 2009 campaign');
    expect(await leader.getByTestId('plan-task-count').innerText()).toBe(`${tasks} tasks`);
    const stageCards = leader.locator('[data-testid^="plan-stage-"]');
    expect(await stageCards.count()).toBe(stages);
    for (const [index, name] of STAGE_NAMES.entries()) expect(await stageCards.nth(index).locator('.ant-card-head-title').innerText()).toContain(name);
    expect(await horizontalOverflow(leader)).toBeLessThanOrEqual(1);
    await leader.getByTestId('open-stage-S1').scrollIntoViewIfNeeded();
    expect(await inViewport(leader, leader.getByTestId('open-stage-S1'))).toBe(true);
    await screenshot(leader, 'first-steps-plan-phone-en');

    // Each unit sees its own campaign only.
    const listed = JSON.parse((await fetchFromPage(leader, '/api/campaigns')).text) as { campaigns: { name: string; unitId: string }[] };
    expect(listed.campaigns).toEqual([expect.objectContaining({ name: 'Jianghan 2009 campaign', unitId })]);
  });
});
