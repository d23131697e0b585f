import { routeOf } from '@api/testing/route-access';
import { campaignsFixture, CANCELLED_TASK, LEADER, SECRETARY_B1, SEEDED_REVISION, type CampaignsFixture } from '../testing/campaigns-fixture';
import { MoveTaskDeadlineCommand, MoveTaskDeadlineHandler } from './move-task-deadline.handler';
import { MoveTaskDeadlineHttpController } from './move-task-deadline.http.controller';

describe("move a task's deadline", () => {
  let fx: CampaignsFixture;
  const move = (taskId: string, dueDate: string, options: { reason?: string; expectedRevision?: number } = {}) =>
    fx
      .get(MoveTaskDeadlineHandler)
      .execute(new MoveTaskDeadlineCommand('C1', taskId, dueDate, options.reason ?? '会期调整', options.expectedRevision ?? SEEDED_REVISION, LEADER));

  beforeEach(async () => {
    fx = await campaignsFixture([MoveTaskDeadlineHandler]);
  });
  afterEach(() => fx.close());

  it('records the previous and the new date, and the plan shows the new one', async () => {
    const view = await move('T05', '2009-04-12');
    expect(view.tasks.find((t) => t.taskId === 'T05')?.dueDate).toBe('2009-04-12');
    expect(await fx.appended()).toEqual([
      expect.objectContaining({
        type: 'TaskDeadlineMoved',
        reason: '会期调整',
        data: expect.objectContaining({ taskId: 'T05', previousDueDate: '2009-03-29', dueDate: '2009-04-12' }),
      }),
    ]);
  });

  it('records nothing when the date is already the deadline', async () => {
    const view = await move('T05', '2009-03-29');
    expect(view.revision).toBe(SEEDED_REVISION);
    expect(await fx.appended()).toEqual([]);
  });

  it('refuses a date outside the campaign, a missing reason, a weekly task, a cancelled task and an unknown one', async () => {
    await expect(move('T05', '2009-03-01')).rejects.toMatchObject({ code: 'CAMPAIGN.DATE_OUTSIDE', kind: 'validation' });
    await expect(move('T05', '2009-04-12', { reason: ' ' })).rejects.toMatchObject({ code: 'COMMAND.REASON_REQUIRED', kind: 'validation' });
    await expect(move('T06', '2009-04-12')).rejects.toMatchObject({ code: 'TASK.RECURRING_DEADLINE' });
    await expect(move(CANCELLED_TASK, '2009-04-12')).rejects.toMatchObject({ code: 'TASK.CANCELLED', kind: 'conflict' });
    await expect(move('T404', '2009-04-12')).rejects.toMatchObject({ code: 'TASK.NOT_FOUND', kind: 'not_found' });
  });

  it('refuses a stale If-Match and names the current ETag', async () => {
    await fx.given([{ type: 'MoveTaskDeadline', data: { taskId: 'T13', dueDate: '2009-05-03', reason: '另一位编辑', by: 'office' } }]);
    await expect(move('T05', '2009-04-12')).rejects.toMatchObject({ code: 'PRECONDITION.ETAG_MISMATCH', details: { currentETag: `"${SEEDED_REVISION + 1}"` } });
    expect(await fx.appended()).toEqual([]);
  });

  it("is not a secretary's to change", () => {
    const route = routeOf(MoveTaskDeadlineHttpController, 'move');
    expect(route.roles).toEqual(['leading_group']);
    expect(route.roles).not.toContain(SECRETARY_B1.role);
  });
});
