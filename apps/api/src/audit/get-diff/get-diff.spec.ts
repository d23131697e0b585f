import { principalOf, startUseCases, type UseCaseHarness } from '@api/testing/use-case-harness';
import { liveThroughMarch, MOMENTS } from '@api/testing/campaign-timeline';
import { routeOf } from '@api/testing/route-access';
import { GetDiffHandler, GetDiffQuery } from './get-diff.handler';
import { GetDiffHttpController } from './get-diff.http.controller';

describe('what changed in a campaign between two moments', () => {
  let fx: UseCaseHarness;
  const diff = (from: string, to: string, campaignId = 'C1') => fx.get(GetDiffHandler).execute(new GetDiffQuery(campaignId, from, to));

  beforeAll(async () => {
    fx = await startUseCases([GetDiffHandler]);
    await liveThroughMarch(fx);
  });
  afterAll(() => fx.close());

  it('lists the changes recorded after the first moment up to the second, with who, when and why', async () => {
    const answer = await diff('2009-03-19', '2009-03-25');
    expect(answer).toMatchObject({
      campaignId: 'C1',
      fromOfficeDate: '2009-03-19',
      toOfficeDate: '2009-03-25',
      summary: { completed: 1, deadlineMoved: 1, cancelled: 0, added: 0, reopened: 0 },
    });
    expect(answer.changes.map((c) => [c.change, c.taskId, c.branchId, c.actorRole, c.recordedAt])).toEqual([
      ['completed', 'T05', 'B1', 'secretary', new Date(MOMENTS.b1Worked).toISOString()],
      ['deadlineMoved', 'T13', null, 'leading_group', new Date(MOMENTS.deadlineMoved).toISOString()],
    ]);
    expect(answer.changes[1]).toMatchObject({ previousDueDate: '2009-05-10', dueDate: '2009-05-17', reason: '调研时间延长', title: expect.any(String) });
  });

  it('takes ISO instants as well as office days, and leaves out what came before the first', async () => {
    const sinceB1 = await diff(MOMENTS.b1Worked, '2009-03-31T00:00:00+08:00');
    expect(sinceB1.changes.map((c) => `${c.change}:${c.instanceKey ?? c.taskId}`)).toEqual(['deadlineMoved:T13', 'completed:T05:branch:B2']);
    expect((await diff('2009-03-01', '2009-03-16')).summary).toMatchObject({ added: 1, cancelled: 1, completed: 0 });
  });

  it('refuses a moment it cannot read, a reversed range, and a campaign not in the log', async () => {
    await expect(diff('last week', '2009-03-25')).rejects.toMatchObject({ code: 'AUDIT.INVALID_MOMENT', kind: 'validation' });
    await expect(diff('', '2009-03-25')).rejects.toMatchObject({ code: 'AUDIT.INVALID_MOMENT', kind: 'validation' });
    await expect(diff('2009-03-25', '2009-03-19')).rejects.toMatchObject({ code: 'AUDIT.INVALID_MOMENT', kind: 'validation' });
    await expect(diff('2009-03-19', '2009-03-25', 'C404')).rejects.toMatchObject({ code: 'AUDIT.CAMPAIGN_NOT_FOUND', kind: 'not_found' });
  });

  it("is for auditors, leaders and administrators of the campaign's unit, not secretaries", async () => {
    const route = routeOf(GetDiffHttpController, 'diff');
    expect(route.roles).toEqual(['auditor', 'leading_group', 'administrator']);
    await expect(route.scopeCheck(fx.store, principalOf('auditor', { unitId: 'U2' }), { campaignId: 'C1' })).rejects.toMatchObject({
      code: 'CAMPAIGN.NOT_FOUND',
      kind: 'not_found',
    });
    await expect(route.scopeCheck(fx.store, principalOf('auditor'), { campaignId: 'C1' })).resolves.toBeUndefined();
  });
});
