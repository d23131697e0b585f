import { principalOf } from '@api/testing/use-case-harness';
import { routeOf } from '@api/testing/route-access';
import { campaignsFixture, CANCELLED_TASK, LEADER, SECRETARY_B1, TODAY, type CampaignsFixture } from '../testing/campaigns-fixture';
import { ListInstancesHandler, ListInstancesQuery } from './list-instances.handler';
import { ListInstancesHttpController } from './list-instances.http.controller';

describe("list a branch's task instances", () => {
  let fx: CampaignsFixture;
  const list = (branchId: string, campaignId = 'C1') => fx.get(ListInstancesHandler).execute(new ListInstancesQuery(campaignId, branchId, LEADER));
  const byKey = async (branchId: string) => new Map((await list(branchId)).instances.map((i) => [i.key, i]));

  beforeEach(async () => {
    fx = await campaignsFixture([ListInstancesHandler]);
  });
  afterEach(() => fx.close());

  it("gives each of the branch's instances its status on the office's today, and counts them", async () => {
    const answer = await list('B1');
    expect(answer).toMatchObject({ campaignId: 'C1', branchId: 'B1', asOf: TODAY });
    const { total, open, completed, carried_over, cancelled } = answer.counts;
    expect(total).toBe(answer.instances.length);
    expect(open + completed + carried_over + cancelled).toBe(total);
    expect(answer.instances.every((i) => i.branchId === 'B1')).toBe(true);
    const instances = await byKey('B1');
    expect(instances.get(`${CANCELLED_TASK}:branch:B1`)).toMatchObject({ status: 'cancelled', overdue: false });
    expect(instances.get('T05:branch:B1')).toMatchObject({ status: 'open', dueDate: '2009-03-29', overdue: true, completedOn: null, reopenCount: 0 });
    expect(instances.get('T13:branch:B1')).toMatchObject({ status: 'open', overdue: false });
    expect(answer.counts.overdue).toBe(answer.instances.filter((i) => i.overdue).length);
  });

  it("reads the branch's work: a completed instance is no longer open or overdue", async () => {
    const before = await list('B1');
    await fx.completed('B1', 'T05:branch:B1');
    const after = await list('B1');
    expect(after.instances.find((i) => i.key === 'T05:branch:B1')).toMatchObject({ status: 'completed', overdue: false, completedOn: TODAY });
    expect(after.counts).toMatchObject({ completed: before.counts.completed + 1, open: before.counts.open - 1, overdue: before.counts.overdue - 1 });
  });

  it("lists another branch's own instances only, by its own members", async () => {
    const b2 = await byKey('B2');
    expect(b2.has('T05:branch:B2')).toBe(true);
    expect([...b2.keys()].some((key) => key.includes(':B1') || key.endsWith(':M1'))).toBe(false);
  });

  it('answers 404 for a campaign never planned', async () => {
    await expect(list('B1', 'C404')).rejects.toMatchObject({ code: 'CAMPAIGN.NOT_FOUND', kind: 'not_found' });
  });

  it('lets a secretary read their own branch only', async () => {
    const route = routeOf(ListInstancesHttpController, 'list');
    expect(route.roles).toEqual(expect.arrayContaining(['secretary', 'leading_group', 'auditor']));
    await expect(route.scopeCheck(fx.store, SECRETARY_B1, { campaignId: 'C1' }, { branchId: 'B1' })).resolves.toBeUndefined();
    const secretaryB2 = principalOf('secretary', { branchId: 'B2' });
    await expect(route.scopeCheck(fx.store, secretaryB2, { campaignId: 'C1' }, { branchId: 'B1' })).rejects.toMatchObject({
      code: 'ACCESS.FORBIDDEN',
      kind: 'forbidden',
    });
  });
});
