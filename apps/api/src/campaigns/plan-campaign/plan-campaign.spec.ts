import { UNIT_LEVEL_BRANCH_ID } from '@campaign-ledger/domain';
import { routeOf } from '@api/testing/route-access';
import { campaignsFixture, LEADER, planOf, ROOT, type CampaignsFixture } from '../testing/campaigns-fixture';
import { PlanCampaignCommand, PlanCampaignHandler, type PlanCampaignInput } from './plan-campaign.handler';
import { PlanCampaignHttpController } from './plan-campaign.http.controller';

const next: PlanCampaignInput = { campaignId: 'C9', unitId: 'U1', name: '第三批学习实践活动', templateId: 'sdp-2009', startDate: '2010-03-15' };

describe('plan a campaign', () => {
  let fx: CampaignsFixture;
  const plan = (input: Partial<PlanCampaignInput>, principal = LEADER) =>
    fx.get(PlanCampaignHandler).execute(new PlanCampaignCommand({ ...next, ...input }, principal, 'corr-plan'));

  beforeEach(async () => {
    fx = await campaignsFixture([PlanCampaignHandler]);
  });
  afterEach(() => fx.close());

  it("plans from a built-in template, ending when the template's weeks end", async () => {
    const view = await plan({});
    expect(view).toMatchObject({
      campaignId: 'C9',
      unitId: 'U1',
      status: 'planned',
      startDate: '2010-03-15',
      endDate: '2010-08-29',
      revision: 0,
      createdBy: LEADER.accountId,
    });
    expect(await fx.appended()).toEqual([
      expect.objectContaining({
        streamId: 'campaign-C9',
        type: 'CampaignPlanned',
        actorId: LEADER.accountId,
        data: expect.objectContaining({
          campaignId: 'C9',
          unitId: 'U1',
          endDate: '2010-08-29',
          officeBranchId: UNIT_LEVEL_BRANCH_ID,
          createdBy: LEADER.accountId,
        }),
      }),
    ]);
  });

  it('gives the campaign an id when none is sent, and keeps an office branch that exists', async () => {
    const view = await plan({ campaignId: undefined, officeBranchId: 'B1', endDate: '2010-09-05' });
    expect(view.campaignId).toMatch(/^[0-9a-f-]{36}$/);
    expect(view).toMatchObject({ officeBranchId: 'B1', endDate: '2010-09-05' });
    expect((await fx.appended())[0].streamId).toBe(`campaign-${view.campaignId}`);
  });

  it("refuses another unit as one that is not registered, and another unit's campaign id as merely taken", async () => {
    await expect(plan({ unitId: 'U2' })).rejects.toMatchObject({ code: 'UNIT.NOT_REGISTERED', kind: 'not_found' });
    await fx.given([planOf('C7', 'U2', '2010-03-15', '2010-08-29')], 'C7');
    await expect(plan({ campaignId: 'C7' })).rejects.toMatchObject({ code: 'ID.NOT_AVAILABLE', kind: 'conflict', details: { campaignId: 'C7' } });
    await expect(plan({ campaignId: 'C1' })).rejects.toMatchObject({ code: 'CAMPAIGN.ALREADY_PLANNED', kind: 'conflict' });
    expect(await fx.appended()).toEqual([]);
  });

  it('refuses a unit not registered yet, even for an installation administrator', async () => {
    await expect(plan({ unitId: 'U3' }, ROOT)).rejects.toMatchObject({ code: 'UNIT.NOT_REGISTERED', kind: 'not_found' });
  });

  it('refuses an unknown template, a template with problems, an unknown office branch and a start that is not a Monday', async () => {
    await expect(plan({ templateId: 'sdp-2019' })).rejects.toMatchObject({
      code: 'REQUEST.INVALID',
      kind: 'validation',
      fieldErrors: [expect.objectContaining({ field: 'templateId' })],
    });
    await expect(plan({ templateId: undefined, template: { name: 'x', tasks: [{ id: 'A', title: 't', scope: 'moon', due_week: 1 }] } })).rejects.toMatchObject({
      code: 'TEMPLATE.INVALID',
      kind: 'validation',
      details: { errors: [expect.objectContaining({ path: expect.stringMatching(/^template\./) })] },
    });
    await expect(plan({ officeBranchId: 'B9' })).rejects.toMatchObject({ code: 'BRANCH.NOT_FOUND', kind: 'not_found' });
    await expect(plan({ startDate: '2010-03-16' })).rejects.toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation', details: { path: 'startDate' } });
    expect(await fx.appended()).toEqual([]);
  });

  it("takes the unit's own office (_unit, as a plan is read back) as no office branch, and refuses a day that does not exist", async () => {
    expect(await plan({ officeBranchId: UNIT_LEVEL_BRANCH_ID })).toMatchObject({ officeBranchId: UNIT_LEVEL_BRANCH_ID });
    await expect(plan({ campaignId: 'C10', startDate: '2010-02-30' })).rejects.toMatchObject({
      code: 'REQUEST.INVALID',
      kind: 'validation',
      fieldErrors: [expect.objectContaining({ field: 'startDate' })],
    });
  });

  it('is planned by the leading group only', () => {
    expect(routeOf(PlanCampaignHttpController, 'plan')).toMatchObject({ path: 'campaigns', roles: ['leading_group'] });
  });
});
