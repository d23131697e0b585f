import { branchWorkStream } from '@campaign-ledger/domain';
import { routeOf } from '@api/testing/route-access';
import { OTHER_UNIT_AUDITOR, readModelsFixture, type ReadModelsFixture } from '../testing/read-models-fixture';
import { GetWeeklyParticipationHandler, GetWeeklyParticipationQuery } from './get-weekly-participation.handler';
import { GetWeeklyParticipationHttpController } from './get-weekly-participation.http.controller';

describe("a campaign's study-session participation week by week", () => {
  let fx: ReadModelsFixture;
  const weekly = (campaignId = 'C1') => fx.get(GetWeeklyParticipationHandler).execute(new GetWeeklyParticipationQuery(campaignId));

  beforeEach(async () => {
    fx = await readModelsFixture([GetWeeklyParticipationHandler]);
  });
  afterEach(() => fx.close());

  it('gives one row per week with sessions, attendance and participation', async () => {
    expect(await weekly()).toEqual([
      { weekOf: '2009-03-16', sessions: 1, attendance: { numerator: 1, denominator: 2 }, participation: { numerator: 1, denominator: 2 } },
    ]);
  });

  it('counts a make-up as participation, not as attendance', async () => {
    await fx.store.append(
      branchWorkStream('C1', 'B1'),
      [
        {
          type: 'StudyMakeUpRecorded',
          data: {
            campaignId: 'C1',
            branchId: 'B1',
            sessionId: 'ss-1',
            sessionDate: '2009-03-20',
            memberId: 'M2',
            originalMark: 'absent',
            date: '2009-03-31',
            note: null,
            by: 'acc-secretary-B1',
          },
        },
      ],
      { expectedRevision: 1, metadata: { actor: { id: 'acc-secretary-B1', role: 'secretary' } } },
    );
    await fx.caughtUp();
    expect(await weekly()).toEqual([
      expect.objectContaining({ attendance: { numerator: 1, denominator: 2 }, participation: { numerator: 2, denominator: 2 } }),
    ]);
  });

  it('answers 404 for a campaign the read model does not hold', async () => {
    await expect(weekly('C404')).rejects.toMatchObject({ code: 'READ_MODEL.CAMPAIGN_NOT_FOUND', kind: 'not_found' });
  });

  it("is for those who watch the campaign's unit", async () => {
    const route = routeOf(GetWeeklyParticipationHttpController, 'weekly');
    expect(route).toMatchObject({ path: 'campaigns/:campaignId/participation/weekly', roles: ['leading_group', 'auditor', 'administrator'] });
    await expect(route.scopeCheck(fx.store, OTHER_UNIT_AUDITOR, { campaignId: 'C1' })).rejects.toMatchObject({ code: 'CAMPAIGN.NOT_FOUND' });
  });
});
