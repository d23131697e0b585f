import { routeOf } from '@api/testing/route-access';
import { branchWorkFixture, completion, LEADER, SECRETARY_B1, SECRETARY_B2, TODAY, type BranchWorkFixture } from '../testing/branch-work-fixture';
import { ReopenTaskCommand, ReopenTaskHandler } from './reopen-task.handler';
import { ReopenTaskHttpController } from './reopen-task.http.controller';

describe('reopen a completed task instance', () => {
  let fx: BranchWorkFixture;
  const reopen = (instanceKey: string, reason = '佐证材料不全', principal = SECRETARY_B1, on?: string) =>
    fx.get(ReopenTaskHandler).execute(new ReopenTaskCommand(principal, 'C1', 'B1', instanceKey, { reason, on }));

  beforeEach(async () => {
    fx = await branchWorkFixture([ReopenTaskHandler]);
    await fx.given(SECRETARY_B1, completion('B1', 'T05:branch:B1', '第一次'));
  });
  afterEach(() => fx.close());

  it('records the reopening with its reason, on the office day unless another is given', async () => {
    await expect(reopen('T05:branch:B1')).resolves.toEqual({
      instanceKey: 'T05:branch:B1',
      status: 'reopened',
      alreadyDone: false,
      revision: 1,
      reopenedOn: TODAY,
    });
    expect(await fx.appended()).toEqual([
      expect.objectContaining({
        type: 'TaskReopened',
        reason: '佐证材料不全',
        data: expect.objectContaining({ instanceKey: 'T05:branch:B1', taskId: 'T05', reopenedOn: TODAY, reason: '佐证材料不全' }),
      }),
    ]);
    await fx.given(SECRETARY_B1, completion('B1', 'T05:branch:B1', '第二次'));
    await expect(reopen('T05:branch:B1', '再次核查', SECRETARY_B1, '2009-04-03')).resolves.toMatchObject({ revision: 3, reopenedOn: '2009-04-03' });
  });

  it('refuses an instance that is not completed, a missing reason, and a day outside the campaign', async () => {
    await expect(reopen('T13:branch:B1')).rejects.toMatchObject({ code: 'TASK.NOT_COMPLETED', kind: 'conflict' });
    await reopen('T05:branch:B1');
    await expect(reopen('T05:branch:B1')).rejects.toMatchObject({ code: 'TASK.NOT_COMPLETED', kind: 'conflict' });
    await fx.mark();
    await fx.given(SECRETARY_B1, completion('B1', 'T05:branch:B1', '补充材料'));
    await expect(reopen('T05:branch:B1', '  ')).rejects.toMatchObject({ code: 'COMMAND.REASON_REQUIRED', kind: 'validation' });
    await expect(reopen('T05:branch:B1', 'r', SECRETARY_B1, '2010-01-04')).rejects.toMatchObject({ code: 'CAMPAIGN.DATE_OUTSIDE', kind: 'validation' });
    expect(await fx.appended()).toEqual([]);
  });

  it("is refused to another branch's secretary and to the leading group for a branch", async () => {
    await expect(reopen('T05:branch:B1', 'r', SECRETARY_B2)).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    await expect(reopen('T05:branch:B1', 'r', LEADER)).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    expect(await fx.appended()).toEqual([]);
    expect(routeOf(ReopenTaskHttpController, 'reopen')).toMatchObject({
      path: 'campaigns/:campaignId/branches/:branchId/instances/:instanceKey/reopen',
      roles: ['secretary', 'leading_group'],
    });
  });
});
