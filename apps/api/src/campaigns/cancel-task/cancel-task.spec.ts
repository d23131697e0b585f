import { routeOf } from '@api/testing/route-access';
import { campaignsFixture, CANCELLED_TASK, LEADER, OTHER_UNIT_LEADER, SEEDED_REVISION, type CampaignsFixture } from '../testing/campaigns-fixture';
import { CancelTaskCommand, CancelTaskHandler } from './cancel-task.handler';
import { CancelTaskHttpController } from './cancel-task.http.controller';

describe('cancel a task of the plan', () => {
  let fx: CampaignsFixture;
  const cancel = (taskId: string, reason = '与集中学习合并', expectedRevision: number | undefined = SEEDED_REVISION, campaignId = 'C1') =>
    fx.get(CancelTaskHandler).execute(new CancelTaskCommand(campaignId, taskId, reason, expectedRevision, LEADER, 'corr-7'));

  beforeEach(async () => {
    fx = await campaignsFixture([CancelTaskHandler]);
  });
  afterEach(() => fx.close());

  it('records TaskCancelled with its stage and reason; the task stays in the plan, flagged', async () => {
    const view = await cancel('T13');
    expect(view).toMatchObject({ revision: SEEDED_REVISION + 1, counts: { cancelledTasks: 2 } });
    expect(view.tasks.find((t) => t.taskId === 'T13')).toMatchObject({ cancelled: true });
    const [event] = await fx.appended();
    expect(event).toMatchObject({
      type: 'TaskCancelled',
      reason: '与集中学习合并',
      data: { campaignId: 'C1', taskId: 'T13', stageId: 'S1', by: LEADER.accountId },
    });
  });

  it('takes any current version when If-Match is "*", but refuses one the plan has moved past', async () => {
    await expect(cancel('T13', 'r', SEEDED_REVISION + 5)).rejects.toMatchObject({
      code: 'PRECONDITION.ETAG_MISMATCH',
      kind: 'precondition',
      details: { currentRevision: SEEDED_REVISION },
    });
    await expect(cancel('T13', 'r', undefined)).resolves.toMatchObject({ revision: SEEDED_REVISION + 1 });
  });

  it('refuses a task already cancelled, an unknown task, and a cancellation without a reason', async () => {
    await expect(cancel(CANCELLED_TASK)).rejects.toMatchObject({ code: 'TASK.CANCELLED', kind: 'conflict' });
    await expect(cancel('T99')).rejects.toMatchObject({ code: 'TASK.NOT_FOUND', kind: 'not_found' });
    await expect(cancel('T13', '')).rejects.toMatchObject({ code: 'COMMAND.REASON_REQUIRED', kind: 'validation' });
    expect(await fx.appended()).toHaveLength(0);
  });

  it('answers 404 for a campaign that does not exist, even with If-Match', async () => {
    await expect(cancel('T13', 'r', 0, 'C404')).rejects.toMatchObject({ code: 'CAMPAIGN.NOT_FOUND', kind: 'not_found' });
  });

  it("is the leading group's route, and another unit's leaders do not see the campaign", async () => {
    const route = routeOf(CancelTaskHttpController, 'cancel');
    expect(route).toMatchObject({ path: 'campaigns/:campaignId/tasks/:taskId/cancel', roles: ['leading_group'] });
    await expect(route.scopeCheck(fx.store, OTHER_UNIT_LEADER, { campaignId: 'C1', taskId: 'T13' })).rejects.toMatchObject({ code: 'CAMPAIGN.NOT_FOUND' });
  });
});
