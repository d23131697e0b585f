import { routeOf } from '@api/testing/route-access';
import { OTHER_UNIT_AUDITOR, readModelsFixture, TODAY, type ReadModelsFixture } from '../testing/read-models-fixture';
import { ListOverdueHandler, ListOverdueQuery } from './list-overdue.handler';
import { ListOverdueHttpController } from './list-overdue.http.controller';

describe("a campaign's overdue and soon-due work", () => {
  let fx: ReadModelsFixture;
  const overdue = (options: ListOverdueQuery['options'] = {}, campaignId = 'C1') =>
    fx.get(ListOverdueHandler).execute(new ListOverdueQuery(campaignId, options));

  beforeAll(async () => {
    fx = await readModelsFixture([ListOverdueHandler]);
  });
  afterAll(() => fx.close());

  it('counts the open work past its due date (red) and due soon (amber), and lists it, completed work left out', async () => {
    const answer = await overdue();
    expect(answer.red).toBeGreaterThan(0);
    const keys = answer.instances.map((i) => i.instanceKey);
    expect(keys).toContain('T01:unit');
    expect(keys).not.toContain('T05:branch:B1');
    expect(keys).not.toContain('T05:branch:B2');
    expect(answer.instances.every((i) => i.status !== 'completed' && (i.colour === 'red' || i.colour === 'amber'))).toBe(true);
    expect(answer.instances.filter((i) => i.colour === 'red')).toHaveLength(answer.red);
  });

  it('caps the list, not the counts', async () => {
    const all = await overdue();
    const capped = await overdue({ limit: 1 });
    expect(capped.instances).toHaveLength(1);
    expect(capped).toMatchObject({ red: all.red, amber: all.amber });
  });

  it('widens amber with the window asked for, and answers an earlier day as it was', async () => {
    const narrow = await overdue({ amberWithinDays: 0 });
    const wide = await overdue({ amberWithinDays: 60 });
    expect(wide.amber).toBeGreaterThan(narrow.amber);
    expect(wide.red).toBe(narrow.red);
    const earlier = await overdue({ asOf: '2009-03-24' });
    expect(earlier.red).toBeLessThan((await overdue({ asOf: TODAY })).red);
    // On the 24th B1 had done T05 (on the 20th), B2 not yet (on the 27th): due on the 29th, it was amber then.
    expect(earlier.instances.find((i) => i.instanceKey === 'T05:branch:B2')).toMatchObject({ colour: 'amber', status: 'open' });
    expect(earlier.instances.map((i) => i.instanceKey)).not.toContain('T05:branch:B1');
  });

  it('answers 404 for a campaign the read model does not hold', async () => {
    await expect(overdue({}, 'C404')).rejects.toMatchObject({ code: 'READ_MODEL.CAMPAIGN_NOT_FOUND', kind: 'not_found' });
  });

  it("is for those who watch the campaign's unit", async () => {
    const route = routeOf(ListOverdueHttpController, 'overdue');
    expect(route.roles).toEqual(['leading_group', 'auditor', 'administrator']);
    await expect(route.scopeCheck(fx.store, OTHER_UNIT_AUDITOR, { campaignId: 'C1' })).rejects.toMatchObject({ code: 'CAMPAIGN.NOT_FOUND' });
  });
});
