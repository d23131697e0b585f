import type { NewTask } from '@campaign-ledger/domain';
import { routeOf } from '@api/testing/route-access';
import { campaignsFixture, LEADER, OTHER_UNIT_LEADER, SEEDED_REVISION, type CampaignsFixture } from '../testing/campaigns-fixture';
import { AddTaskCommand, AddTaskHandler } from './add-task.handler';
import { AddTaskHttpController } from './add-task.http.controller';

const report: NewTask = { taskId: 'R1', title: '撰写整改报告', stageId: 'S1', phaseId: 'P2', scope: 'branch', dueDate: '2009-05-08' };

describe('add a task to a planned campaign', () => {
  let fx: CampaignsFixture;
  const add = (task: NewTask, options: { reason?: string; expectedRevision?: number; campaignId?: string } = {}) =>
    fx.get(AddTaskHandler).execute(new AddTaskCommand(options.campaignId ?? 'C1', task, options.reason ?? '领导小组决定', options.expectedRevision, LEADER));

  beforeEach(async () => {
    fx = await campaignsFixture([AddTaskHandler]);
  });
  afterEach(() => fx.close());

  it('records TaskAdded with the reason and answers the plan at its new revision', async () => {
    const view = await add(report, { expectedRevision: SEEDED_REVISION });
    expect(view.revision).toBe(SEEDED_REVISION + 1);
    expect(view.tasks.find((t) => t.taskId === 'R1')).toMatchObject({
      title: '撰写整改报告',
      stageId: 'S1',
      phaseId: 'P2',
      dueDate: '2009-05-08',
      mandatory: true,
    });
    expect(await fx.appended()).toEqual([
      expect.objectContaining({
        streamId: 'campaign-C1',
        type: 'TaskAdded',
        actorId: LEADER.accountId,
        reason: '领导小组决定',
        data: expect.objectContaining({ reason: '领导小组决定', by: LEADER.accountId }),
      }),
    ]);
  });

  it('refuses a plan changed since the If-Match the editor sent', async () => {
    await expect(add(report, { expectedRevision: SEEDED_REVISION - 1 })).rejects.toMatchObject({ code: 'PRECONDITION.ETAG_MISMATCH', kind: 'precondition' });
    expect(await fx.appended()).toEqual([]);
  });

  it('refuses a task without a reason, an id already used, or a deadline outside the campaign', async () => {
    await expect(add(report, { reason: '  ' })).rejects.toMatchObject({ code: 'COMMAND.REASON_REQUIRED', kind: 'validation' });
    await expect(add({ ...report, taskId: 'T05' })).rejects.toMatchObject({ code: 'TASK.ALREADY_EXISTS', kind: 'conflict' });
    await expect(add({ ...report, dueDate: '2009-09-01' })).rejects.toMatchObject({ code: 'CAMPAIGN.DATE_OUTSIDE', kind: 'validation' });
    expect(await fx.appended()).toEqual([]);
  });

  it('answers 404 for a campaign never planned', async () => {
    await expect(add(report, { campaignId: 'C404' })).rejects.toMatchObject({ code: 'CAMPAIGN.NOT_FOUND', kind: 'not_found' });
    expect(await fx.revision('C404')).toBe(-1);
  });

  it("is the leading group's, within its own unit", async () => {
    const route = routeOf(AddTaskHttpController, 'add');
    expect(route.roles).toEqual(['leading_group']);
    await expect(route.scopeCheck(fx.store, OTHER_UNIT_LEADER, { campaignId: 'C1' })).rejects.toMatchObject({ code: 'CAMPAIGN.NOT_FOUND', kind: 'not_found' });
    await expect(route.scopeCheck(fx.store, LEADER, { campaignId: 'C1' })).resolves.toBeUndefined();
  });
});
