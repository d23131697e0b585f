import { routeOf } from '@api/testing/route-access';
import { branchWorkFixture, LEADER, QUANTITY_TASK, SECRETARY_B1, SECRETARY_B2, TODAY, type BranchWorkFixture } from '../testing/branch-work-fixture';
import { ReportQuantityCommand, ReportQuantityHandler } from './report-quantity.handler';
import { ReportQuantityHttpController } from './report-quantity.http.controller';

type Input = ReportQuantityCommand['input'];

describe("report progress on a branch's quantity task", () => {
  let fx: BranchWorkFixture;
  const report = (input: Input, principal = SECRETARY_B1, branchId = 'B1') =>
    fx.get(ReportQuantityHandler).execute(new ReportQuantityCommand(principal, 'C1', branchId, input));

  beforeEach(async () => {
    fx = await branchWorkFixture([ReportQuantityHandler]);
  });
  afterEach(() => fx.close());

  it("adds each report to the running total against the task's target and challenge", async () => {
    await expect(report({ taskId: QUANTITY_TASK, amount: 5 })).resolves.toEqual({
      instanceKey: `${QUANTITY_TASK}:branch:B1`,
      reportId: null,
      alreadyDone: false,
      revision: 0,
      actual: 5,
      target: 20,
      challenge: 25,
    });
    await expect(report({ instanceKey: `${QUANTITY_TASK}:branch:B1`, amount: -2, note: '更正' })).resolves.toMatchObject({ actual: 3, revision: 1 });
    expect((await fx.appended()).map((e) => [e.type, e.data.amount, e.data.actual, e.data.on])).toEqual([
      ['QuantityReported', 5, 5, TODAY],
      ['QuantityReported', -2, 3, TODAY],
    ]);
  });

  it('records a report id once: the same report again is already done, a different one under that id is refused', async () => {
    await report({ taskId: QUANTITY_TASK, amount: 4, reportId: 'rep-1', on: '2009-03-30' });
    await expect(report({ taskId: QUANTITY_TASK, amount: 4, reportId: 'rep-1', on: '2009-03-30' })).resolves.toMatchObject({
      alreadyDone: true,
      actual: null,
      reportId: 'rep-1',
    });
    await expect(report({ taskId: QUANTITY_TASK, amount: 6, reportId: 'rep-1', on: '2009-03-30' })).rejects.toMatchObject({
      code: 'QUANTITY.REPORT_ID_REUSED',
      kind: 'conflict',
    });
    expect(await fx.appended()).toHaveLength(1);
  });

  it('refuses a task that is not counted, an amount of 0 or one below 0 in total, and a day outside the campaign', async () => {
    await expect(report({ instanceKey: 'T05:branch:B1', amount: 1 })).rejects.toMatchObject({ code: 'TASK.NOT_QUANTITY', kind: 'validation' });
    await expect(report({ taskId: QUANTITY_TASK, amount: 0 })).rejects.toMatchObject({
      code: 'COMMAND.INVALID',
      kind: 'validation',
      details: { path: 'amount' },
    });
    await expect(report({ taskId: QUANTITY_TASK, amount: -1 })).rejects.toMatchObject({
      code: 'COMMAND.INVALID',
      kind: 'validation',
      details: { path: 'amount' },
    });
    await expect(report({ taskId: QUANTITY_TASK, amount: 1, on: '2009-02-02' })).rejects.toMatchObject({ code: 'CAMPAIGN.DATE_OUTSIDE', kind: 'validation' });
    await expect(report({ taskId: 'T404', amount: 1 })).rejects.toMatchObject({ code: 'TASK.NOT_FOUND', kind: 'not_found' });
    expect(await fx.appended()).toEqual([]);
  });

  it("is refused to another branch's secretary and to the leading group for a branch", async () => {
    await expect(report({ taskId: QUANTITY_TASK, amount: 1 }, SECRETARY_B2)).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    await expect(report({ taskId: QUANTITY_TASK, amount: 1 }, LEADER)).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    await expect(report({ taskId: QUANTITY_TASK, amount: 2 }, SECRETARY_B2, 'B2')).resolves.toMatchObject({
      instanceKey: `${QUANTITY_TASK}:branch:B2`,
      actual: 2,
    });
    expect(routeOf(ReportQuantityHttpController, 'report').roles).toEqual(['secretary', 'leading_group']);
  });
});
