import { UNIT_LEVEL_BRANCH_ID } from '@campaign-ledger/domain';
import { routeOf } from '@api/testing/route-access';
import { OTHER_UNIT_AUDITOR, readModelsFixture, type ReadModelsFixture } from '../testing/read-models-fixture';
import { GetHeatMapHandler, GetHeatMapQuery } from './get-heat-map.handler';
import { GetHeatMapHttpController } from './get-heat-map.http.controller';

describe("a campaign's heat map: branch × phase", () => {
  let fx: ReadModelsFixture;
  const heatMap = (campaignId = 'C1') => fx.get(GetHeatMapHandler).execute(new GetHeatMapQuery(campaignId));

  beforeAll(async () => {
    fx = await readModelsFixture([GetHeatMapHandler]);
  });
  afterAll(() => fx.close());

  it("gives each branch, and the unit level that keeps the unit's own work, a cell per phase with what is done of what applies", async () => {
    const map = await heatMap();
    expect(map.phases.map((p) => p.phaseId)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6']);
    expect(map.branches.map((b) => b.branchId)).toEqual(['B1', 'B2', UNIT_LEVEL_BRANCH_ID]);
    const [b1, b2, unit] = map.branches;
    for (const branch of [b1, b2]) {
      expect(branch.cells.P1).toMatchObject({ done: 1, completion: { numerator: 1, denominator: branch.cells.P1.applicable } });
      expect(branch.cells.P2.done).toBe(0);
    }
    expect(b1.cells.P1.applicable).toBeGreaterThan(b2.cells.P1.applicable);
    expect(unit.cells.P1).toMatchObject({ done: 0, applicable: expect.any(Number) });
    expect(unit.cells.P1.applicable).toBeGreaterThan(0);
  });

  it('answers 404 for a campaign the read model does not hold', async () => {
    await expect(heatMap('C404')).rejects.toMatchObject({ code: 'READ_MODEL.CAMPAIGN_NOT_FOUND', kind: 'not_found' });
  });

  it("is for those who watch the campaign's unit", async () => {
    const route = routeOf(GetHeatMapHttpController, 'heatMap');
    expect(route.roles).toEqual(['leading_group', 'auditor', 'administrator']);
    await expect(route.scopeCheck(fx.store, OTHER_UNIT_AUDITOR, { campaignId: 'C1' })).rejects.toMatchObject({ code: 'CAMPAIGN.NOT_FOUND' });
  });
});
