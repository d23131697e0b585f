import { principalOf } from '@api/testing/use-case-harness';
import { routeOf } from '@api/testing/route-access';
import { campaignsFixture, LEADER, openStage, planOf, ROOT, type CampaignsFixture } from '../testing/campaigns-fixture';
import { ListCampaignsHandler, ListCampaignsQuery } from './list-campaigns.handler';
import { ListCampaignsHttpController } from './list-campaigns.http.controller';

describe("list a unit's campaigns", () => {
  let fx: CampaignsFixture;
  const list = (unitId: string | undefined, principal = LEADER) => fx.get(ListCampaignsHandler).execute(new ListCampaignsQuery(unitId, principal));
  const ids = async (unitId: string | undefined, principal = LEADER) => (await list(unitId, principal)).campaigns.map((c) => c.campaignId);

  beforeEach(async () => {
    fx = await campaignsFixture([ListCampaignsHandler]);
    await fx.given([planOf('C2', 'U1', '2010-03-15', '2010-08-29')], 'C2');
    await fx.given([planOf('C3', 'U2', '2011-03-14', '2011-08-28')], 'C3');
  });
  afterEach(() => fx.close());

  it("lists the caller's own unit's campaigns, newest first, without another unit's", async () => {
    const answer = await list(undefined);
    expect(answer).toMatchObject({ unitId: 'U1', count: 2 });
    expect(answer.campaigns.map((c) => c.campaignId)).toEqual(['C2', 'C1']);
    expect(answer.campaigns[1]).toMatchObject({
      unitId: 'U1',
      status: 'planned',
      currentStageId: null,
      startDate: '2009-03-16',
      templateCode: expect.any(String),
    });
  });

  it('follows the log: a stage opened afterwards shows as current', async () => {
    await list(undefined);
    await fx.given([openStage('S1')]);
    expect((await list(undefined)).campaigns.find((c) => c.campaignId === 'C1')).toMatchObject({ currentStageId: 'S1' });
  });

  it('lists every unit for an installation administrator, or the unit named', async () => {
    expect(await ids(undefined, ROOT)).toEqual(['C3', 'C2', 'C1']);
    expect(await ids('U2', ROOT)).toEqual(['C3']);
  });

  it('lists nothing for an account of no unit that does not run the installation', async () => {
    expect(await list(undefined, principalOf('auditor', { unitId: null }))).toEqual({ unitId: null, count: 0, campaigns: [] });
  });

  it("refuses another unit's list as a unit that does not exist", async () => {
    const route = routeOf(ListCampaignsHttpController, 'list');
    expect(route.roles).toBeUndefined();
    await expect(route.scopeCheck(fx.store, LEADER, {}, { unitId: 'U2' })).rejects.toMatchObject({ code: 'UNIT.NOT_REGISTERED', kind: 'not_found' });
    await expect(route.scopeCheck(fx.store, ROOT, {}, { unitId: 'U2' })).resolves.toBeUndefined();
  });
});
