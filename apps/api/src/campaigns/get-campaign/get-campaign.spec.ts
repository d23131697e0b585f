import { routeOf } from '@api/testing/route-access';
import {
  campaignsFixture,
  closeStage,
  END,
  LEADER,
  OTHER_UNIT_LEADER,
  openStage,
  QUANTITY_TASK,
  SECRETARY_B1,
  SEEDED_REVISION,
  START,
  type CampaignsFixture,
} from '../testing/campaigns-fixture';
import { GetCampaignHandler, GetCampaignQuery } from './get-campaign.handler';
import { GetCampaignHttpController } from './get-campaign.http.controller';

describe('read the plan of a campaign', () => {
  let fx: CampaignsFixture;
  const read = (principal = LEADER, campaignId = 'C1') => fx.get(GetCampaignHandler).execute(new GetCampaignQuery(campaignId, principal));

  beforeEach(async () => {
    fx = await campaignsFixture([GetCampaignHandler]);
  });
  afterEach(() => fx.close());

  it('folds the stream: the plan, its changes, and the revision to send back as If-Match', async () => {
    const view = await read();
    expect(view).toMatchObject({
      campaignId: 'C1',
      unitId: 'U1',
      status: 'planned',
      startDate: START,
      endDate: END,
      revision: SEEDED_REVISION,
      etag: `"${SEEDED_REVISION}"`,
      currentStageId: null,
      counts: { stages: 3, cancelledTasks: 1, tasks: view.tasks.length, activeTasks: view.tasks.length - 1 },
    });
    expect(view.tasks.find((t) => t.taskId === QUANTITY_TASK)).toMatchObject({ kind: 'quantity', target: 20, challenge: 25 });
    await fx.given([openStage('S1')]);
    expect(await read()).toMatchObject({ currentStageId: 'S1', revision: SEEDED_REVISION + 1 });
  });

  it("shows a secretary only their own branch's carried-over work", async () => {
    const carried = ['B1', 'B2'].map((branchId) => ({ instanceKey: `T05:branch:${branchId}`, taskId: 'T05', branchId }));
    await fx.given([openStage('S1'), closeStage('S1', carried)]);
    expect((await read(LEADER)).carriedOver.map((c) => c.branchId)).toEqual(['B1', 'B2']);
    const own = (await read(SECRETARY_B1)).carriedOver;
    expect(own).toEqual([expect.objectContaining({ branchId: 'B1', instanceKey: 'T05:branch:B1', toStageId: 'S2', taskTitle: expect.any(String) })]);
  });

  it('answers 404 for a campaign never planned', async () => {
    await expect(read(LEADER, 'C404')).rejects.toMatchObject({ code: 'CAMPAIGN.NOT_FOUND', kind: 'not_found' });
  });

  it("is every role's within its unit; another unit's campaign answers as one that does not exist", async () => {
    const route = routeOf(GetCampaignHttpController, 'get');
    expect(route.roles).toBeUndefined();
    await expect(route.scopeCheck(fx.store, SECRETARY_B1, { campaignId: 'C1' })).resolves.toBeUndefined();
    await expect(route.scopeCheck(fx.store, OTHER_UNIT_LEADER, { campaignId: 'C1' })).rejects.toMatchObject({ code: 'CAMPAIGN.NOT_FOUND', kind: 'not_found' });
  });
});
