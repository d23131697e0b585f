// Issue 14 in a real browser, on the demo office: the leading group changes the plan from its page (adds a task,
// moves a deadline, cancels a task, each with a reason and the plan's ETag; a stale ETag is told in plain words and
// the plan reloaded), closes a stage seeing which tasks of which branch are unfinished and saying why; a secretary
// reports an amount against a quantity task and sees it against target and challenge as percentages. Then the
// pages at 1440 px and 390 px, in Chinese and English: nothing runs off the side, the primary buttons are in view.
import type { BrowserContext, Page } from 'playwright-core';
import type { CampaignView } from '@campaign-ledger/api-contract';
import { addDays } from '@campaign-ledger/domain';
import { DEMO_CAMPAIGN, describeInChromium, logInThroughForm, screenshot, startBrowserApp, type BrowserApp, signedIn } from './support/browser-app';
import { message, pick } from './support/antd';
import { horizontalOverflow, inViewport } from './support/layout';

jest.setTimeout(180_000);

const ADD_REASON = '上级通知新增调研任务（端到端测试）';
const MOVE_REASON = '与督导组检查时间冲突，顺延一周（端到端测试）';
const CANCEL_REASON = '上级通知取消该项要求（端到端测试）';
const CLOSE_REASON = '经领导小组研究同意转段（端到端测试）';
const NEW_TITLE = '撰写专题调研报告（端到端测试）';

const dialog = (page: Page) => page.locator('.ant-modal').filter({ visible: true });

async function campaignOf(world: BrowserApp): Promise<CampaignView> {
  const token = await world.token('leader');
  const response = await fetch(`${world.baseUrl}/api/campaigns/${DEMO_CAMPAIGN}`, { headers: { Authorization: `Bearer ${token}` } });
  return (await response.json()) as CampaignView;
}

/** Types a date into the (only) date picker of a dialog, as a person may, and confirms it. */
async function typeDate(page: Page, date: string): Promise<void> {
  const input = dialog(page).locator('.ant-picker input').first();
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await page.keyboard.press('Escape').catch(() => undefined);
}

const taskRow = (page: Page, taskId: string) => page.locator(`[data-testid="plan-task-row"][data-task-id="${taskId}"]`);

describeInChromium('plan changes, stage close and quantity tasks in Chromium (issue 14)', () => {
  let world: BrowserApp;
  let leaderContext: BrowserContext;
  let leader: Page;
  let plan: CampaignView;
  let addedId: string;
  let movedId: string;
  let cancelledId: string;
  let firstPhase: string;
  let addedPhase: string;
  let addedDue: string;

  beforeAll(async () => {
    world = await startBrowserApp();
    leaderContext = await world.newContext({ width: 1440, height: 900 });
    leader = await leaderContext.newPage();
    plan = await campaignOf(world);
    firstPhase = plan.phases[0].phaseId;
    const inPhase = plan.tasks.filter((t) => t.phaseId === firstPhase && !t.cancelled && t.kind === 'checklist');
    [movedId, cancelledId] = [inPhase[0].taskId, inPhase[1].taskId];
  }, 240_000);

  afterAll(async () => {
    await world?.close();
  });

  const openPhase = async (page: Page, phaseId: string, taskId: string) => {
    if (!(await taskRow(page, taskId).isVisible())) await page.getByTestId(`plan-phase-${phaseId}`).click();
    await taskRow(page, taskId).waitFor();
  };

  it('the leading group adds a quantity task with a reason; it is in the plan', async () => {
    await logInThroughForm(leader, 'leader', 'leader-demo-2009', '/overview');
    await leader.getByTestId('menu-plan').click();
    await leader.getByTestId('add-task').click();
    const add = dialog(leader);
    await add.getByTestId('add-task-title').fill(NEW_TITLE);
    // Phase 2 (weeks 6-9 of stage 1, under way), due on its first day: the new instance sorts ahead of the phase's others.
    const phase = plan.phases.find((p) => p.phaseId === 'P2') ?? plan.phases[1];
    addedPhase = phase.phaseId;
    await pick(leader, 'add-task-phase', `环节 ${phase.order} · ${phase.name}`);
    const due = phase.startDate ?? addDays(plan.startDate, 5 * 7);
    addedDue = due;
    await typeDate(leader, due);
    await add.getByTestId('add-task-evidence').fill('调研报告、座谈会记录');
    await add.getByText('数量指标').click();
    await add.getByTestId('add-task-target').fill('10');
    await add.getByTestId('add-task-challenge').fill('20');
    await add.getByTestId('add-task-unit').fill('篇');
    // Without a reason the form says so, and nothing is sent.
    await add.getByTestId('add-task-submit').click();
    await add.getByText('请填写原因').waitFor();
    await add.getByTestId('add-task-reason').fill(ADD_REASON);
    await screenshot(leader, 'plan-add-task-dialog');
    const answered = leader.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/campaigns/${DEMO_CAMPAIGN}/tasks`));
    await Promise.all([message(leader, '计划已调整').waitFor(), add.getByTestId('add-task-submit').click()]);
    const response = await answered;
    expect(response.status()).toBe(201);
    expect(response.request().headers()['if-match']).toBe(plan.etag);
    const body = response.request().postDataJSON() as { taskId: string; kind: string; target: number; challenge: number; reason: string; evidence: string[] };
    expect(body).toMatchObject({ kind: 'quantity', target: 10, challenge: 20, reason: ADD_REASON, evidence: ['调研报告', '座谈会记录'], dueDate: due });
    addedId = body.taskId;
    await add.waitFor({ state: 'hidden' });
    await openPhase(leader, addedPhase, addedId);
    expect(await taskRow(leader, addedId).innerText()).toContain(NEW_TITLE);
    expect(await taskRow(leader, addedId).getAttribute('data-due')).toBe(due);
  });

  it("moves a task's deadline; a plan changed meanwhile (412) is told in plain words and reloaded, and the retry goes through", async () => {
    const before = plan.tasks.find((t) => t.taskId === movedId)?.dueDate ?? plan.startDate;
    const target = addDays(before, 7);
    await openPhase(leader, firstPhase, movedId);
    await leader.getByTestId(`move-deadline-${movedId}`).click();
    const move = dialog(leader);
    await typeDate(leader, target);
    await move.getByTestId('move-deadline-reason').fill(MOVE_REASON);

    // Someone else changes the plan while the dialog is open.
    const token = await world.token('leader');
    const now = await campaignOf(world);
    const other = await fetch(`${world.baseUrl}/api/campaigns/${DEMO_CAMPAIGN}/tasks/${addedId}/deadline`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'If-Match': now.etag },
      body: JSON.stringify({ dueDate: addDays(addedDue, 1), reason: '另一位领导小组成员同时调整（端到端测试）' }),
    });
    expect(other.status).toBe(200);

    await move.getByTestId('move-deadline-submit').click();
    await move.getByTestId('plan-stale').waitFor();
    expect(await move.getByTestId('plan-stale').innerText()).toContain('活动计划已被他人修改');
    // The plan was reloaded behind the dialog: the other change shows.
    await leader.locator(`[data-testid="plan-task-row"][data-task-id="${addedId}"][data-due="${addDays(addedDue, 1)}"]`).waitFor();
    await screenshot(leader, 'plan-move-deadline-412');
    const answered = leader.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes(`/tasks/${movedId}/deadline`));
    await move.getByTestId('move-deadline-submit').click();
    expect((await answered).status()).toBe(200);
    await move.waitFor({ state: 'hidden' });
    await leader.locator(`[data-testid="plan-task-row"][data-task-id="${movedId}"][data-due="${target}"]`).waitFor();
  });

  it('cancels a task with a reason; the plan marks it cancelled, and the history shows all three reasons', async () => {
    await leader.getByTestId(`cancel-task-${cancelledId}`).click();
    const cancel = dialog(leader);
    await cancel.getByTestId('cancel-task-reason').fill(CANCEL_REASON);
    const answered = leader.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes(`/tasks/${cancelledId}/cancel`));
    await cancel.getByTestId('cancel-task-submit').click();
    expect((await answered).status()).toBe(200);
    await cancel.waitFor({ state: 'hidden' });
    await taskRow(leader, cancelledId).getByText('已取消').waitFor();
    expect(await leader.getByTestId(`cancel-task-${cancelledId}`).count()).toBe(0);

    await leader.goto('/audit/history?type=TaskAdded,TaskDeadlineMoved,TaskCancelled');
    for (const reason of [ADD_REASON, MOVE_REASON, CANCEL_REASON])
      await leader.locator('[data-testid="history-reason"]').filter({ hasText: reason }).first().waitFor();
    await screenshot(leader, 'plan-changes-history');
  });

  it('a secretary reports an amount against the quantity task and sees it against target and challenge as percentages', async () => {
    const context = await world.newContext({ width: 1440, height: 900 });
    const secretary = await context.newPage();
    await logInThroughForm(secretary, 'sec-b01', 'sec-demo-2009', '/my-branch');
    const row = secretary.locator('[data-testid="instance-row"]').filter({ hasText: NEW_TITLE }).first();
    await row.waitFor();
    expect(await row.getByTestId('quantity-target-pct').innerText()).toBe('目标 10篇：0%');
    await row.getByTestId('report-quantity-button').click();
    const report = dialog(secretary);
    await report.getByTestId('report-quantity-amount').fill('5');
    const answered = secretary.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/quantities'));
    await report.getByTestId('report-quantity-submit').click();
    expect((await answered).status()).toBe(201);
    await report.waitFor({ state: 'hidden' });
    await row.locator('[data-testid="quantity-figures"][data-actual="5"]').waitFor();
    expect(await row.getByTestId('quantity-target-pct').innerText()).toBe('目标 10篇：50%');
    expect(await row.getByTestId('quantity-challenge-pct').innerText()).toBe('挑战 20篇：25%');
    await screenshot(secretary, 'secretary-quantity-reported');

    // The leading group sees the same figures on the branch's ledger.
    await leader.goto('/branches/B01');
    const seen = leader.locator('[data-testid="instance-row"]').filter({ hasText: NEW_TITLE }).first();
    await seen.locator('[data-testid="quantity-figures"][data-actual="5"]').waitFor();
    expect(await seen.getByTestId('quantity-challenge-pct').innerText()).toBe('挑战 20篇：25%');
    await context.close();
  });

  for (const lang of ['zh', 'en'] as const) {
    for (const width of [1440, 390]) {
      it(`plan changes and quantity reports in ${lang === 'zh' ? 'Chinese' : 'English'} at ${width} px: no horizontal overflow, the primary buttons in view`, async () => {
        const height = width < 600 ? 844 : 900;
        const { context, page } = await signedIn(world, 'leader', { width, height, lang });
        await page.goto('/plan');
        await page.getByTestId('add-task').waitFor();
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
        expect(await inViewport(page, page.getByTestId('add-task'))).toBe(true);
        await page.getByTestId('add-task').click();
        const add = dialog(page);
        await add.getByTestId('add-task-submit').waitFor();
        expect(await add.locator('.ant-modal-title').innerText()).toBe(lang === 'zh' ? '增加任务' : 'Add task');
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
        // A long form scrolls inside its dialog on a phone: the submit button is reached by scrolling, never cut off.
        await add.getByTestId('add-task-submit').scrollIntoViewIfNeeded();
        expect(await inViewport(page, add.getByTestId('add-task-submit'))).toBe(true);
        await screenshot(page, `plan-add-task-${lang}-${width}`);
        await add.locator('.ant-modal-close').click();
        await add.waitFor({ state: 'hidden' });

        await openPhaseOn(page, firstPhase, movedId);
        await page.getByTestId(`move-deadline-${movedId}`).scrollIntoViewIfNeeded();
        expect(await inViewport(page, page.getByTestId(`move-deadline-${movedId}`))).toBe(true);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
        await page.getByTestId(`move-deadline-${movedId}`).click();
        const move = dialog(page);
        await move.getByTestId('move-deadline-submit').waitFor();
        expect(await inViewport(page, move.getByTestId('move-deadline-submit'))).toBe(true);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
        await move.locator('.ant-modal-close').click();
        await move.waitFor({ state: 'hidden' });
        await context.close();

        const sec = await signedIn(world, 'sec-b01', { width, height, lang });
        await sec.page.goto('/my-branch');
        const row = sec.page
          .locator('[data-testid="instance-row"]')
          .filter({ has: sec.page.getByTestId('quantity-figures') })
          .first();
        await row.waitFor();
        expect(await row.getByTestId('quantity-target-pct').innerText()).toBe(lang === 'zh' ? '目标 10篇：50%' : 'target 10篇: 50%');
        expect(await horizontalOverflow(sec.page)).toBeLessThanOrEqual(1);
        await row.getByTestId('report-quantity-button').scrollIntoViewIfNeeded();
        expect(await inViewport(sec.page, row.getByTestId('report-quantity-button'))).toBe(true);
        await row.getByTestId('report-quantity-button').click();
        const report = dialog(sec.page);
        await report.getByTestId('report-quantity-submit').waitFor();
        expect(await inViewport(sec.page, report.getByTestId('report-quantity-submit'))).toBe(true);
        expect(await horizontalOverflow(sec.page)).toBeLessThanOrEqual(1);
        await screenshot(sec.page, `quantity-report-${lang}-${width}`);
        await sec.context.close();
      });
    }
  }

  it('closes stage 1 seeing the unfinished tasks by branch and name, and must give a reason', async () => {
    await leader.goto('/plan');
    await leader.getByTestId('close-stage-S1').click();
    const close = dialog(leader);
    await close.getByTestId('unfinished-list').waitFor();
    const unfinished = await (
      await fetch(`${world.baseUrl}/api/campaigns/${DEMO_CAMPAIGN}/stages/S1/unfinished`, {
        headers: { Authorization: `Bearer ${await world.token('leader')}` },
      })
    ).json();
    const first = unfinished.instances[0] as { branchId: string; taskTitle: string };
    expect(await close.getByTestId(`unfinished-branch-${first.branchId}`).innerText()).toContain(first.taskTitle);
    expect(await close.getByTestId('unfinished-count').innerText()).toContain(String(unfinished.count));
    expect(await horizontalOverflow(leader)).toBeLessThanOrEqual(1);
    await screenshot(leader, 'plan-close-stage-unfinished');

    // No reason: the dialog asks for one and sends nothing.
    let sent = 0;
    const count = (r: { method(): string; url(): string }) => {
      if (r.method() === 'POST' && r.url().includes('/stages/S1/close')) sent++;
    };
    leader.on('request', count);
    await close.getByTestId('confirm-close-stage').click();
    await close.getByText('请填写转段原因').waitFor();
    expect(sent).toBe(0);
    leader.off('request', count);

    await close.getByTestId('close-stage-reason').fill(CLOSE_REASON);
    await close.getByTestId('carry-over').check();
    const answered = leader.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/stages/S1/close'));
    await close.getByTestId('confirm-close-stage').click();
    const response = await answered;
    expect(response.status()).toBe(200);
    expect(response.request().postDataJSON()).toMatchObject({ carryOver: true, reason: CLOSE_REASON });
    await close.waitFor({ state: 'hidden' });

    await leader.goto('/audit/history?type=StageClosed');
    await leader.locator('[data-testid="history-reason"]').filter({ hasText: CLOSE_REASON }).first().waitFor();
  });
});

async function openPhaseOn(page: Page, phaseId: string, taskId: string): Promise<void> {
  await page.getByTestId(`plan-phase-${phaseId}`).waitFor();
  if (!(await taskRow(page, taskId).isVisible())) await page.getByTestId(`plan-phase-${phaseId}`).click();
  await taskRow(page, taskId).waitFor();
}
