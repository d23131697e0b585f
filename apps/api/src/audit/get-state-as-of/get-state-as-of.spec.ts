import { principalOf, startUseCases, type UseCaseHarness } from '@api/testing/use-case-harness';
import { liveThroughMarch } from '@api/testing/campaign-timeline';
import { routeOf } from '@api/testing/route-access';
import { GetStateAsOfHandler, GetStateAsOfQuery } from './get-state-as-of.handler';
import { GetStateAsOfHttpController } from './get-state-as-of.http.controller';

describe("a campaign's figures as they stood at a moment", () => {
  let fx: UseCaseHarness;
  const asOf = (at: string, campaignId = 'C1') => fx.get(GetStateAsOfHandler).execute(new GetStateAsOfQuery(campaignId, at));
  const doneIn = (ranking: { branchId: string; completion: { numerator: number } }[]) =>
    Object.fromEntries(ranking.map((r) => [r.branchId, r.completion.numerator]));

  beforeAll(async () => {
    fx = await startUseCases([GetStateAsOfHandler]);
    await liveThroughMarch(fx);
  });
  afterAll(() => fx.close());

  it('replays the log up to the end of an office day: work recorded later is not in it', async () => {
    const before = await asOf('2009-03-19');
    expect(before).toMatchObject({ campaignId: 'C1', officeDate: '2009-03-19', overview: { totals: { done: 0 }, participation: { sessions: 0 } } });
    expect(doneIn(before.ranking)).toEqual({ B1: 0, B2: 0 });

    const after = await asOf('2009-03-20');
    expect(after.eventsRead).toBeGreaterThan(before.eventsRead);
    expect(after.overview.totals.done).toBe(1);
    expect(doneIn(after.ranking)).toEqual({ B1: 1, B2: 0 });
    expect(after.participation.overall).toMatchObject({ sessions: 1, attendance: { numerator: 1, denominator: 2 } });
    expect(doneIn((await asOf('2009-03-31T23:00:00+08:00')).ranking)).toEqual({ B1: 1, B2: 1 });
  });

  it('evaluates overdue work on the office day of the moment', async () => {
    const early = await asOf('2009-03-20');
    const late = await asOf('2009-03-31');
    expect(late.overdue.red).toBeGreaterThan(early.overdue.red);
    expect(late.overdue.instances.some((i) => i.instanceKey === 'T05:branch:B1')).toBe(false);
  });

  it('refuses a moment before the campaign was planned, an unreadable one, and a campaign not in the log', async () => {
    await expect(asOf('2009-03-14')).rejects.toMatchObject({ code: 'AUDIT.CAMPAIGN_NOT_YET_PLANNED', kind: 'not_found' });
    await expect(asOf('2009-03-20T10:00:00')).rejects.toMatchObject({ code: 'AUDIT.INVALID_MOMENT', kind: 'validation' });
    await expect(asOf('2009-03-20', 'C404')).rejects.toMatchObject({ code: 'AUDIT.CAMPAIGN_NOT_FOUND', kind: 'not_found' });
  });

  it("is for auditors, leaders and administrators of the campaign's unit", async () => {
    const route = routeOf(GetStateAsOfHttpController, 'asOf');
    expect(route).toMatchObject({ path: 'campaigns/:campaignId/as-of', roles: ['auditor', 'leading_group', 'administrator'] });
    await expect(route.scopeCheck(fx.store, principalOf('leading_group', { unitId: 'U2' }), { campaignId: 'C1' })).rejects.toMatchObject({
      code: 'CAMPAIGN.NOT_FOUND',
    });
  });
});
