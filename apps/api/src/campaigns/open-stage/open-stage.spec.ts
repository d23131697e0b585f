import { routeOf } from '@api/testing/route-access';
import {
  campaignsFixture,
  closeStage,
  LEADER,
  OTHER_UNIT_LEADER,
  openStage,
  SEEDED_REVISION,
  TODAY,
  type CampaignsFixture,
} from '../testing/campaigns-fixture';
import { OpenStageCommand, OpenStageHandler } from './open-stage.handler';
import { OpenStageHttpController } from './open-stage.http.controller';

describe('open a stage of the campaign', () => {
  let fx: CampaignsFixture;
  const open = (stageId: string, expectedRevision?: number, campaignId = 'C1') =>
    fx.get(OpenStageHandler).execute(new OpenStageCommand(campaignId, stageId, expectedRevision, LEADER));

  beforeEach(async () => {
    fx = await campaignsFixture([OpenStageHandler]);
  });
  afterEach(() => fx.close());

  it("opens the first stage on the office's today and makes it the current stage", async () => {
    const view = await open('S1');
    expect(view).toMatchObject({ currentStageId: 'S1', revision: SEEDED_REVISION + 1 });
    expect(view.stages.find((s) => s.stageId === 'S1')).toMatchObject({ status: 'open', openedOn: TODAY });
    expect(await fx.appended()).toEqual([
      expect.objectContaining({ type: 'StageOpened', actorId: LEADER.accountId, data: expect.objectContaining({ stageId: 'S1', order: 1, openedOn: TODAY }) }),
    ]);
  });

  it('opens stages in order only, once each', async () => {
    await expect(open('S2')).rejects.toMatchObject({ code: 'STAGE.OUT_OF_ORDER', kind: 'precondition' });
    await fx.given([openStage('S1')]);
    await expect(open('S1')).rejects.toMatchObject({ code: 'STAGE.ALREADY_OPEN', kind: 'conflict' });
    await fx.given([closeStage('S1')]);
    await expect(open('S1')).rejects.toMatchObject({ code: 'STAGE.ALREADY_CLOSED', kind: 'conflict' });
    await expect(open('S2')).resolves.toMatchObject({ currentStageId: 'S2' });
  });

  it('refuses an unknown stage, a day outside the campaign, and a campaign never planned', async () => {
    await expect(open('S9')).rejects.toMatchObject({ code: 'STAGE.NOT_FOUND', kind: 'not_found' });
    fx.clock.set('2009-09-01T02:00:00Z');
    await expect(open('S1')).rejects.toMatchObject({ code: 'CAMPAIGN.DATE_OUTSIDE', kind: 'validation' });
    await expect(open('S1', undefined, 'C404')).rejects.toMatchObject({ code: 'CAMPAIGN.NOT_FOUND', kind: 'not_found' });
    expect(await fx.appended()).toEqual([]);
  });

  it('takes If-Match when sent: a stale one is refused', async () => {
    await expect(open('S1', SEEDED_REVISION - 1)).rejects.toMatchObject({ code: 'PRECONDITION.ETAG_MISMATCH', kind: 'precondition' });
    await expect(open('S1', SEEDED_REVISION)).resolves.toMatchObject({ currentStageId: 'S1' });
  });

  it("is the leading group's route within its unit", async () => {
    const route = routeOf(OpenStageHttpController, 'open');
    expect(route.roles).toEqual(['leading_group']);
    await expect(route.scopeCheck(fx.store, OTHER_UNIT_LEADER, { campaignId: 'C1', stageId: 'S1' })).rejects.toMatchObject({ code: 'CAMPAIGN.NOT_FOUND' });
  });
});
