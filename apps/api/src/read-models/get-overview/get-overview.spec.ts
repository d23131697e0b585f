import { branchWorkStream } from '@campaign-ledger/domain';
import { routeOf } from '@api/testing/route-access';
import { LEADER, OTHER_UNIT_AUDITOR, readModelsFixture, TODAY, type ReadModelsFixture } from '../testing/read-models-fixture';
import { GetOverviewHandler, GetOverviewQuery } from './get-overview.handler';
import { GetOverviewHttpController } from './get-overview.http.controller';

describe("a campaign's overview for the leading group", () => {
  let fx: ReadModelsFixture;
  const overview = (options: GetOverviewQuery['options'] = {}, campaignId = 'C1') =>
    fx.get(GetOverviewHandler).execute(new GetOverviewQuery(campaignId, options));

  beforeEach(async () => {
    fx = await readModelsFixture([GetOverviewHandler]);
  });
  afterEach(() => fx.close());

  it('answers the live figures for today: progress by stage, participation, warnings', async () => {
    const answer = await overview();
    expect(answer).toMatchObject({
      campaignId: 'C1',
      asOf: TODAY,
      status: 'planned',
      totals: { done: 2 },
      participation: { sessions: 1 },
      warnings: { amberWithinDays: expect.any(Number) },
    });
    const s1 = answer.stages.find((s) => s.stageId === 'S1');
    expect(s1).toMatchObject({ status: 'open', openedOn: '2009-03-16', done: 2 });
    expect(answer.totals.overdue).toBeGreaterThan(0);
    expect((await overview({ amberWithinDays: 30 })).warnings.amberWithinDays).toBe(30);
  });

  it('follows new work once the read model has it', async () => {
    await fx.store.append(
      branchWorkStream('C1', 'B2'),
      [
        {
          type: 'TaskCompleted',
          data: {
            campaignId: 'C1',
            branchId: 'B2',
            instanceKey: 'T13:branch:B2',
            taskId: 'T13',
            stageId: 'S1',
            phaseId: 'P2',
            trackId: null,
            scope: 'branch',
            subjectId: 'B2',
            weekOf: null,
            dueDate: '2009-05-17',
            mandatory: true,
            completedOn: TODAY,
            onTime: true,
            by: 'acc-secretary-B2',
            note: '',
            evidence: [],
            commandId: null,
          },
        },
      ],
      { expectedRevision: 0, metadata: { actor: { id: 'acc-secretary-B2', role: 'secretary' } } },
    );
    await fx.caughtUp();
    expect((await overview()).totals.done).toBe(3);
  });

  it('answers an earlier day from the log as recorded by its end', async () => {
    expect((await overview({ asOf: '2009-03-19' })).totals.done).toBe(0);
    const then = await overview({ asOf: '2009-03-20' });
    expect(then).toMatchObject({ asOf: '2009-03-20', totals: { done: 1 }, participation: { sessions: 1 } });
    expect(then.totals.overdue).toBeLessThan((await overview()).totals.overdue);
  });

  it('answers 404 for a campaign the read model does not hold', async () => {
    await expect(overview({}, 'C404')).rejects.toMatchObject({ code: 'READ_MODEL.CAMPAIGN_NOT_FOUND', kind: 'not_found' });
  });

  it("is for those who watch the campaign's unit, not secretaries", async () => {
    const route = routeOf(GetOverviewHttpController, 'overview');
    expect(route.roles).toEqual(['leading_group', 'auditor', 'administrator']);
    await expect(route.scopeCheck(fx.store, OTHER_UNIT_AUDITOR, { campaignId: 'C1' })).rejects.toMatchObject({ code: 'CAMPAIGN.NOT_FOUND', kind: 'not_found' });
    await expect(route.scopeCheck(fx.store, LEADER, { campaignId: 'C1' })).resolves.toBeUndefined();
  });
});
