import { routeOf } from '@api/testing/route-access';
import { campaignsFixture, closeStage, LEADER, OTHER_UNIT_LEADER, openStage, TODAY, type CampaignsFixture } from '../testing/campaigns-fixture';
import { CloseCampaignCommand, CloseCampaignHandler } from './close-campaign.handler';
import { CloseCampaignHttpController } from './close-campaign.http.controller';

describe('close the campaign (活动结束)', () => {
  let fx: CampaignsFixture;
  const closeCampaign = (note: string | null, expectedRevision?: number, campaignId = 'C1') =>
    fx.get(CloseCampaignHandler).execute(new CloseCampaignCommand(campaignId, note, expectedRevision, LEADER));
  const everyStageClosed = () => fx.given(['S1', 'S2', 'S3'].flatMap((stageId) => [openStage(stageId), closeStage(stageId)]));

  beforeEach(async () => {
    fx = await campaignsFixture([CloseCampaignHandler]);
  });
  afterEach(() => fx.close());

  it('closes on the office day once every stage is closed, keeping the note as the reason', async () => {
    await everyStageClosed();
    const view = await closeCampaign('圆满完成');
    expect(view).toMatchObject({ status: 'closed', closedOn: TODAY });
    expect(await fx.appended()).toEqual([
      expect.objectContaining({
        type: 'CampaignClosed',
        reason: '圆满完成',
        data: { campaignId: 'C1', closedOn: TODAY, by: LEADER.accountId, note: '圆满完成' },
      }),
    ]);
  });

  it('refuses while stages are still open or pending, naming them', async () => {
    await fx.given([openStage('S1')]);
    await expect(closeCampaign(null)).rejects.toMatchObject({
      code: 'CAMPAIGN.STAGES_NOT_CLOSED',
      kind: 'precondition',
      details: { stageIds: ['S1', 'S2', 'S3'] },
    });
  });

  it('refuses a campaign already closed, and one never planned', async () => {
    await everyStageClosed();
    await closeCampaign(null);
    await expect(closeCampaign(null)).rejects.toMatchObject({ code: 'CAMPAIGN.CLOSED', kind: 'conflict' });
    await expect(closeCampaign(null, undefined, 'C404')).rejects.toMatchObject({ code: 'CAMPAIGN.NOT_FOUND', kind: 'not_found' });
  });

  it('refuses a stale If-Match', async () => {
    await everyStageClosed();
    const current = await fx.revision();
    await expect(closeCampaign(null, current - 1)).rejects.toMatchObject({ code: 'PRECONDITION.ETAG_MISMATCH', kind: 'precondition' });
    await expect(closeCampaign(null, current)).resolves.toMatchObject({ status: 'closed', revision: current + 1 });
  });

  it("is the leading group's, within its unit", async () => {
    const route = routeOf(CloseCampaignHttpController, 'close');
    expect(route.roles).toEqual(['leading_group']);
    await expect(route.scopeCheck(fx.store, OTHER_UNIT_LEADER, { campaignId: 'C1' })).rejects.toMatchObject({ code: 'CAMPAIGN.NOT_FOUND', kind: 'not_found' });
  });
});
