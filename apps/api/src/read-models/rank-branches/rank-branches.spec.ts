import type { Ratio } from '@campaign-ledger/domain';
import { routeOf } from '@api/testing/route-access';
import { OTHER_UNIT_AUDITOR, readModelsFixture, type ReadModelsFixture } from '../testing/read-models-fixture';
import { RankBranchesHandler, RankBranchesQuery } from './rank-branches.handler';
import { RankBranchesHttpController } from './rank-branches.http.controller';

const share = (r: Ratio) => (r.denominator === 0 ? -1 : r.numerator / r.denominator);

describe("rank a campaign's branches", () => {
  let fx: ReadModelsFixture;
  const rank = (by?: 'completion' | 'participation', campaignId = 'C1') => fx.get(RankBranchesHandler).execute(new RankBranchesQuery(campaignId, by));

  beforeAll(async () => {
    fx = await readModelsFixture([RankBranchesHandler]);
  });
  afterAll(() => fx.close());

  it('ranks every branch of the unit by completion by default, best first', async () => {
    const ranking = await rank();
    expect(ranking.map((r) => r.rank)).toEqual([1, 2]);
    expect(ranking.map((r) => r.branchId).sort()).toEqual(['B1', 'B2']);
    expect(ranking.every((r) => r.completion.numerator === 1)).toBe(true);
    expect(share(ranking[0].completion)).toBeGreaterThanOrEqual(share(ranking[1].completion));
    // B2 has fewer members, so its one completed task is a larger share of its work.
    expect(ranking[0]).toMatchObject({ branchId: 'B2', name: '机关第二支部' });
  });

  it('ranks by participation in study sessions when asked: a branch with none comes last', async () => {
    const ranking = await rank('participation');
    expect(ranking.map((r) => r.branchId)).toEqual(['B1', 'B2']);
    expect(ranking[0].participation).toMatchObject({ sessions: 1, byPersonSession: { numerator: 1, denominator: 2 } });
    expect(ranking[1].participation.sessions).toBe(0);
  });

  it('answers 404 for a campaign the read model does not hold', async () => {
    await expect(rank('completion', 'C404')).rejects.toMatchObject({ code: 'READ_MODEL.CAMPAIGN_NOT_FOUND', kind: 'not_found' });
  });

  it("is for those who watch the campaign's unit", async () => {
    const route = routeOf(RankBranchesHttpController, 'ranking');
    expect(route).toMatchObject({ path: 'campaigns/:campaignId/ranking', roles: ['leading_group', 'auditor', 'administrator'] });
    await expect(route.scopeCheck(fx.store, OTHER_UNIT_AUDITOR, { campaignId: 'C1' })).rejects.toMatchObject({ code: 'CAMPAIGN.NOT_FOUND' });
  });
});
