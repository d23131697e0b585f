import { DeciderSpecification } from '../testing';
import { END, START, planned2009, sdp2009, smallTemplate } from '../testing/fixtures';
import { campaignDecider } from './campaign.decider';
import { CampaignAlreadyPlanned, CampaignNotFound, DateOutsideCampaign } from './campaign.errors';

const spec = DeciderSpecification.for(campaignDecider);
const plan = (over: Record<string, unknown> = {}) =>
  ({
    type: 'PlanCampaign',
    data: { campaignId: 'C1', name: '学习实践活动', unitId: 'U1', template: sdp2009(), startDate: START, endDate: END, createdBy: 'office', ...over },
  }) as const;

describe('campaign: PlanCampaign', () => {
  it('plans the 2009 campaign with concrete dates computed from weeks', () => {
    const [event] = spec.given([]).when(plan()).events();
    if (event.type !== 'CampaignPlanned') throw new Error('wrong event');
    const p = event.data.plan;
    expect(event.data).toMatchObject({
      campaignId: 'C1',
      unitId: 'U1',
      startDate: START,
      endDate: END,
      officeBranchId: '_unit',
      templateCode: 'sdp-2009-b2-whzx',
      createdBy: 'office',
    });
    expect(p.stages.map((s) => [s.stageId, s.startDate, s.endDate])).toEqual([
      ['S1', '2009-03-16', '2009-05-17'],
      ['S2', '2009-05-18', '2009-06-28'],
      ['S3', '2009-06-29', '2009-08-30'],
    ]);
    expect(p.phases).toHaveLength(6);
    expect(p.tasks).toHaveLength(39);
    const t01 = p.tasks.find((t) => t.taskId === 'T01')!;
    expect([t01.dueDate, t01.dueWeek]).toEqual(['2009-03-22', 1]);
    // Every due date agrees with the researched illustrative date of the JSON.
    expect(p.tasks.find((t) => t.taskId === 'T21')!.dueDate).toBe('2009-06-07');
    const t06 = p.tasks.find((t) => t.taskId === 'T06')!;
    expect(t06.recurringWeeks).toHaveLength(9);
    expect(t06.recurringWeeks[0]).toEqual({ weekOf: '2009-03-16', dueDate: '2009-03-22' });
    expect(t06.recurringWeeks[8]).toEqual({ weekOf: '2009-05-11', dueDate: '2009-05-17' });
  });

  it('matches the illustrative due dates of the researched JSON for all 39 tasks', () => {
    const raw = require('../template/builtin/sdp-2009.json') as { tasks: { id: string; due_date_illustrative: string }[] };
    const [event] = spec.given([]).when(plan()).events();
    if (event.type !== 'CampaignPlanned') throw new Error('wrong event');
    for (const t of raw.tasks) expect(`${t.id} ${event.data.plan.tasks.find((p) => p.taskId === t.id)!.dueDate}`).toBe(`${t.id} ${t.due_date_illustrative}`);
  });

  it('plans a stage-less campaign with tracks and a quantity task', () => {
    const [event] = spec
      .given([])
      .when({
        type: 'PlanCampaign',
        data: {
          campaignId: 'C2',
          name: '小',
          unitId: 'U1',
          template: smallTemplate(),
          startDate: START,
          endDate: '2009-04-12',
          createdBy: 'o',
          officeBranchId: 'B1',
        },
      })
      .events();
    if (event.type !== 'CampaignPlanned') throw new Error('wrong event');
    expect(event.data.officeBranchId).toBe('B1');
    expect(event.data.plan.stages).toEqual([]);
    expect(event.data.plan.tracks).toEqual([{ trackId: 'K1', order: 1, name: '学习', code: null }]);
    expect(event.data.plan.tasks.find((t) => t.taskId === 'A2')).toMatchObject({ kind: 'quantity', target: 10, challenge: 18 });
    expect(event.data.plan.tasks.find((t) => t.taskId === 'A4')!.recurringWeeks.map((w) => w.weekOf)).toEqual([
      '2009-03-16',
      '2009-03-23',
      '2009-03-30',
      '2009-04-06',
    ]);
  });

  it('refuses to plan twice', () => spec.given([planned2009()]).when(plan()).thenThrows(CampaignAlreadyPlanned));
  it('refuses a start that is not a Monday', () =>
    spec
      .given([])
      .when(plan({ startDate: '2009-03-17' }))
      .thenThrows('COMMAND.INVALID', (e) => expect(e.details['path']).toBe('startDate')));
  it('refuses an end before the start', () =>
    spec
      .given([])
      .when(plan({ endDate: '2009-03-01' }))
      .thenThrows('DATE.OUT_OF_ORDER'));
  it('refuses a plan whose dates fall after the end', () =>
    spec
      .given([])
      .when(plan({ endDate: '2009-08-23' }))
      .thenThrows(DateOutsideCampaign, (e) => expect((e.details['items'] as unknown[]).length).toBeGreaterThan(0)));
  it('refuses a missing template or name', () => {
    spec
      .given([])
      .when(plan({ template: null }))
      .thenThrows('COMMAND.INVALID');
    spec
      .given([])
      .when(plan({ name: '' }))
      .thenThrows('COMMAND.INVALID');
  });
  it('refuses plan changes before planning', () =>
    spec
      .given([])
      .when({ type: 'CancelTask', data: { taskId: 'T01', reason: 'x', by: 'o' } })
      .thenThrows(CampaignNotFound));
});
