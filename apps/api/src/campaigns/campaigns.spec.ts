// The pure parts of the campaigns API: which instances hold a stage back, instance status, the catalogue fold, planned end.
import {
  campaignDecider,
  findBuiltinTemplate,
  foldEvents,
  parseTemplate,
  UNIT_LEVEL_BRANCH_ID,
  type BranchWorkState,
  type CampaignEvent,
  type PlannedCampaign,
  type Roster,
} from '@campaign-ledger/domain';
import { foldCatalogue, type CampaignSummary } from './list-campaigns/campaign-catalogue';
import { instanceView } from './list-instances/list-instances.handler';
import { plannedEnd } from './plan-campaign/plan-campaign.handler';
import { unfinishedInStage, workingBranchesOf } from './stage-work';

function sdp2009() {
  const builtin = findBuiltinTemplate('sdp-2009');
  if (!builtin) throw new Error('sdp-2009 missing');
  return builtin.load();
}

function planned(...more: CampaignEvent[]): PlannedCampaign {
  const [plannedEvent] = campaignDecider.decide(
    {
      type: 'PlanCampaign',
      data: { campaignId: 'C1', name: '学习实践活动', unitId: 'U1', template: sdp2009(), startDate: '2009-03-16', endDate: '2009-08-30', createdBy: 'o' },
    },
    campaignDecider.initialState(),
  );
  const state = foldEvents(campaignDecider, [plannedEvent, ...more]);
  if (state.status === 'not_planned') throw new Error('not planned');
  return state;
}

const roster = (branchId: string, memberIds: string[] = []): Roster => ({
  branchId,
  asOf: '2009-04-01',
  members: memberIds.map((memberId) => ({ memberId, name: memberId, isLeader: false, status: 'active' })),
  divisions: [],
});

const work = (...completedKeys: string[]): BranchWorkState => ({
  campaignId: 'C1',
  branchId: 'B1',
  quantities: {},
  sessions: {},
  threeOnes: {},
  instances: Object.fromEntries(
    completedKeys.map((key) => [
      key,
      {
        status: 'completed',
        reopenCount: 0,
        ref: {} as never,
        completion: { completedOn: '2009-03-20', by: 's', note: '', evidence: [], commandId: null },
      },
    ]),
  ),
});

const opened: CampaignEvent = { type: 'StageOpened', data: { campaignId: 'C1', stageId: 'S1', order: 1, openedOn: '2009-03-16', by: 'o' } };

describe('unfinishedInStage', () => {
  it("counts a stage's mandatory instances per branch, leaving out completed and cancelled work", () => {
    const cancelled: CampaignEvent = { type: 'TaskCancelled', data: { campaignId: 'C1', taskId: 'T11', stageId: 'S1', reason: 'r', by: 'o' } };
    const campaign = planned(opened, cancelled);
    const unfinished = unfinishedInStage(campaign, 'S1', [
      { roster: roster(UNIT_LEVEL_BRANCH_ID), work: work('T01:unit') },
      { roster: roster('B1', ['M1']), work: work('T05:branch:B1', 'T06:week:B1:2009-03-16') },
    ]);
    const count = (branchId: string) => unfinished.filter((u) => u.branchId === branchId).length;
    expect(count(UNIT_LEVEL_BRANCH_ID)).toBe(8 - 1);
    // T05 T13 (T11 cancelled, T05 done) → 1; weekly 9 − 1; member T07 T14 T15 × 1.
    expect(count('B1')).toBe(1 + 8 + 3);
    expect(unfinished.some((u) => u.taskId === 'T11' || u.instanceKey === 'T05:branch:B1')).toBe(false);
  });

  it('weighs only the instances carried into the stage, besides its own', () => {
    const closed: CampaignEvent = {
      type: 'StageClosed',
      data: {
        campaignId: 'C1',
        stageId: 'S1',
        order: 1,
        closedOn: '2009-05-17',
        by: 'o',
        note: null,
        carriedOver: [{ instanceKey: 'T05:branch:B1', taskId: 'T05', branchId: 'B1', fromStageId: 'S1', toStageId: 'S2' }],
      },
    };
    const campaign = planned(opened, closed);
    const keys = unfinishedInStage(campaign, 'S2', [{ roster: roster('B1'), work: work() }]).map((u) => u.instanceKey);
    expect(keys).toEqual(['T05:branch:B1', 'T22:branch:B1']);
    expect(unfinishedInStage(campaign, 'S1', [{ roster: roster('B1'), work: work() }]).map((u) => u.instanceKey)).not.toContain('T05:branch:B1');
  });

  it('reads the unit level only when no real office branch keeps the unit work', () => {
    const organisation = { status: 'registered', unitId: 'U1', name: 'u', code: 'c', divisions: {}, members: {}, branches: { B2: {}, B1: {} } } as never;
    expect(workingBranchesOf(planned(), organisation)).toEqual([UNIT_LEVEL_BRANCH_ID, 'B1', 'B2']);
    expect(workingBranchesOf({ ...planned(), officeBranchId: 'B1' }, organisation)).toEqual(['B1', 'B2']);
  });
});

describe('instanceView', () => {
  it('is overdue only when open (or carried over) past its due date', () => {
    const campaign = planned(opened);
    const instance = {
      key: 'T05:branch:B1',
      taskId: 'T05',
      stageId: 'S1',
      phaseId: 'P1',
      trackId: null,
      scope: 'branch' as const,
      subjectId: 'B1',
      branchId: 'B1',
      weekOf: null,
      dueDate: '2009-03-29',
      mandatory: true,
      kind: 'checklist' as const,
    };
    expect(instanceView(campaign, work(), instance, '2009-03-29')).toMatchObject({ status: 'open', overdue: false });
    expect(instanceView(campaign, work(), instance, '2009-03-30')).toMatchObject({ status: 'open', overdue: true });
    expect(instanceView(campaign, work('T05:branch:B1'), instance, '2009-04-30')).toMatchObject({
      status: 'completed',
      overdue: false,
      completedOn: '2009-03-20',
    });
    expect(instanceView(campaign, work(), { ...instance, carriedOverTo: 'S2' }, '2009-04-30')).toMatchObject({
      status: 'carried_over',
      carriedOverTo: 'S2',
      overdue: true,
    });
  });
});

describe('foldCatalogue', () => {
  it('keeps one summary per campaign with its current stage and status', () => {
    const catalogue = new Map<string, CampaignSummary>();
    const [plannedEvent] = campaignDecider.decide(
      {
        type: 'PlanCampaign',
        data: { campaignId: 'C1', name: 'n', unitId: 'U1', template: sdp2009(), startDate: '2009-03-16', endDate: '2009-08-30', createdBy: 'o' },
      },
      campaignDecider.initialState(),
    );
    for (const event of [plannedEvent, opened]) foldCatalogue(catalogue, event);
    expect(catalogue.get('C1')).toMatchObject({ unitId: 'U1', status: 'planned', currentStageId: 'S1' });
    foldCatalogue(catalogue, { type: 'CampaignClosed', data: { campaignId: 'C1', closedOn: '2009-08-30', by: 'o', note: null } });
    expect(catalogue.get('C1')).toMatchObject({ status: 'closed', closedOn: '2009-08-30' });
  });
});

describe('plannedEnd', () => {
  it("uses the template's length, else the latest week or date it names", () => {
    expect(plannedEnd(sdp2009(), '2009-03-16')).toBe('2009-08-30');
    const parsed = parseTemplate({
      name: 'x',
      tasks: [
        { id: 'A', title: 't', scope: 'unit', due_week: 2 },
        { id: 'B', title: 't', scope: 'unit', due_date: '2009-04-30' },
      ],
    });
    if (!parsed.ok) throw new Error('invalid');
    expect(plannedEnd(parsed.template, '2009-03-16')).toBe('2009-04-30');
    const byWeek = parseTemplate({ name: 'x', tasks: [{ id: 'A', title: 't', scope: 'unit', due_week: 3 }] });
    if (!byWeek.ok) throw new Error('invalid');
    expect(plannedEnd(byWeek.template, '2009-03-16')).toBe('2009-04-05');
  });
});
