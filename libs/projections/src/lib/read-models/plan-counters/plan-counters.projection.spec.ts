import { completed, smallPlan } from '../../../testing/recorded-events';
import { base, counter, counts, given, row } from '../../../testing/given-events';
import { snapshotSource } from '../../queries/source';
import { campaignOverview } from '../dashboards/campaign-overview.queries';

describe('plan counters: organisation events', () => {
  it('a member joining after the plan adds to member-scope denominators', () => {
    const rows = given(...base(), {
      type: 'MemberJoined',
      data: { unitId: 'U1', memberId: 'M4', name: 'Zhao', branchId: 'B1', isLeader: true, joinedOn: '2009-03-20' },
    });
    expect(counts(rows, 'T2')).toEqual({ applicable: 4, done: 0 });
    expect(counts(rows, 'T3')).toEqual({ applicable: 2, done: 0 });
  });

  it('exemption takes the member and their completed work out of the denominators; reinstatement puts both back', () => {
    const exempted = given(...base(), completed('T2:member:M2'), {
      type: 'MemberExempted',
      data: { unitId: 'U1', memberId: 'M2', branchId: 'B1', reason: 'ill', from: '2009-03-21', until: null },
    });
    expect(counts(exempted, 'T2')).toEqual({ applicable: 2, done: 0 });
    expect(row(exempted, 'member', { unit_id: 'U1', member_id: 'M2' })?.status).toBe('exempt');
    expect(row(exempted, 'instance', { campaign_id: 'C1', branch_id: 'B1', instance_key: 'T2:member:M2' })?.status).toBe('completed');
    const reinstated = given(
      ...base(),
      completed('T2:member:M2'),
      { type: 'MemberExempted', data: { unitId: 'U1', memberId: 'M2', branchId: 'B1', reason: 'ill', from: '2009-03-21', until: null } },
      { type: 'MemberReinstated', data: { unitId: 'U1', memberId: 'M2', branchId: 'B1', on: '2009-04-01', note: null } },
    );
    expect(counts(reinstated, 'T2')).toEqual({ applicable: 3, done: 1 });
  });

  it('an exempt leader leaves the leader-scope denominators too', () => {
    const rows = given(...base(), {
      type: 'MemberExempted',
      data: { unitId: 'U1', memberId: 'M1', branchId: 'B1', reason: 'abroad', from: '2009-03-21', until: '2009-05-01' },
    });
    expect(counts(rows, 'T3')).toEqual({ applicable: 0, done: 0 });
    expect(row(rows, 'member', { unit_id: 'U1', member_id: 'M1' })?.exempt_until).toBe('2009-05-01');
  });

  it('a transfer moves the member between branches; completed work stays with the branch that recorded it', () => {
    const rows = given(
      ...base(),
      { type: 'BranchAdded', data: { unitId: 'U1', branchId: 'B2', name: 'Branch two', secretaryName: 'Liu' } },
      completed('T2:member:M3'),
      { type: 'MemberTransferred', data: { unitId: 'U1', memberId: 'M3', fromBranchId: 'B1', toBranchId: 'B2', on: '2009-03-25', reason: null } },
    );
    expect(counts(rows, 'T2', 'B1')).toEqual({ applicable: 2, done: 0 });
    expect(counts(rows, 'T2', 'B2')).toEqual({ applicable: 1, done: 0 });
    expect(row(rows, 'member', { unit_id: 'U1', member_id: 'M3' })?.branch_id).toBe('B2');
  });

  it('MemberLeft takes the member out', () => {
    const rows = given(...base(), { type: 'MemberLeft', data: { unitId: 'U1', memberId: 'M2', branchId: 'B1', on: '2009-03-25', reason: 'retired' } });
    expect(counts(rows, 'T2')).toEqual({ applicable: 2, done: 0 });
    expect(row(rows, 'member', { unit_id: 'U1', member_id: 'M2' })?.status).toBe('left');
  });

  it('a branch or division added after the plan gets its counters', () => {
    const rows = given(
      ...base(),
      { type: 'BranchAdded', data: { unitId: 'U1', branchId: 'B2', name: 'Branch two', secretaryName: 'Liu' } },
      { type: 'DivisionAdded', data: { unitId: 'U1', divisionId: 'D3', name: 'Research' } },
    );
    expect(counts(rows, 'T1', 'B2')).toEqual({ applicable: 1, done: 0 });
    expect(counts(rows, 'T2', 'B2')).toEqual({ applicable: 0, done: 0 });
    expect(counts(rows, 'T4', 'B2', '2009-03-23')).toEqual({ applicable: 1, done: 0 });
    expect(counts(rows, 'T6', '_unit')).toEqual({ applicable: 3, done: 0 });
  });
});

describe('plan counters: campaign events', () => {
  it('CampaignPlanned gives the plan and one counter per task, branch (and week) with its applicable count by scope', () => {
    const rows = given(...base());
    expect(row(rows, 'campaign', { campaign_id: 'C1' })).toMatchObject({ unit_id: 'U1', status: 'planned', office_branch_id: '_unit' });
    expect(rows.scan('stage', { campaign_id: 'C1' }).map((s) => [s.stage_id, s.status])).toEqual([
      ['S1', 'pending'],
      ['S2', 'pending'],
    ]);
    expect(rows.scan('task', { campaign_id: 'C1' })).toHaveLength(7);
    expect(counts(rows, 'T1')).toEqual({ applicable: 1, done: 0 });
    expect(counts(rows, 'T2')).toEqual({ applicable: 3, done: 0 });
    expect(counts(rows, 'T3')).toEqual({ applicable: 1, done: 0 });
    expect(counts(rows, 'T4', 'B1', '2009-03-16')).toEqual({ applicable: 1, done: 0 });
    expect(counter(rows, 'T4', 'B1', '2009-03-23')?.due_date).toBe('2009-03-29');
    expect(counts(rows, 'T5', '_unit')).toEqual({ applicable: 1, done: 0 });
    expect(counts(rows, 'T6', '_unit')).toEqual({ applicable: 2, done: 0 });
    expect(counter(rows, 'T5')).toBeUndefined();
    expect(counter(rows, 'T2', '_unit')).toBeUndefined();
  });

  it('TaskAdded adds the task and its counters', () => {
    const rows = given(...base(), {
      type: 'TaskAdded',
      data: { campaignId: 'C1', reason: 'new', by: 'o', task: { ...smallPlan().data.plan.tasks[1], taskId: 'T8', title: 'Extra' } },
    });
    expect(row(rows, 'task', { campaign_id: 'C1', task_id: 'T8' })?.ord).toBe(7);
    expect(counts(rows, 'T8')).toEqual({ applicable: 3, done: 0 });
  });

  it('TaskDeadlineMoved moves the task and its counters', () => {
    const rows = given(...base(), {
      type: 'TaskDeadlineMoved',
      data: { campaignId: 'C1', taskId: 'T2', stageId: 'S1', previousDueDate: '2009-03-29', dueDate: '2009-04-03', reason: 'x', by: 'o' },
    });
    expect(row(rows, 'task', { campaign_id: 'C1', task_id: 'T2' })?.due_date).toBe('2009-04-03');
    expect(counter(rows, 'T2')?.due_date).toBe('2009-04-03');
  });

  it('TaskCancelled flags the task and its counters, and the overview leaves them out', async () => {
    const rows = given(...base(), { type: 'TaskCancelled', data: { campaignId: 'C1', taskId: 'T2', stageId: 'S1', reason: 'x', by: 'o' } });
    expect(row(rows, 'task', { campaign_id: 'C1', task_id: 'T2' })?.cancelled).toBe(true);
    expect(counter(rows, 'T2')?.cancelled).toBe(true);
    const overview = await campaignOverview(snapshotSource({ rows }), 'C1', { asOf: '2009-03-16' });
    // T1 1 + T3 1 + T4 2 + T5 1 + T6 2 + T7 1
    expect(overview.totals.applicable).toBe(8);
  });

  it('StageOpened, StageClosed (with carried-over work) and CampaignClosed', () => {
    const rows = given(
      ...base(),
      { type: 'StageOpened', data: { campaignId: 'C1', stageId: 'S1', order: 1, openedOn: '2009-03-16', by: 'o' } },
      {
        type: 'StageClosed',
        data: {
          campaignId: 'C1',
          stageId: 'S1',
          order: 1,
          closedOn: '2009-04-05',
          by: 'o',
          note: null,
          carriedOver: [{ instanceKey: 'T1:branch:B1', taskId: 'T1', branchId: 'B1', fromStageId: 'S1', toStageId: 'S2' }],
        },
      },
      { type: 'CampaignClosed', data: { campaignId: 'C1', closedOn: '2009-04-26', by: 'o', note: null } },
    );
    expect(row(rows, 'stage', { campaign_id: 'C1', stage_id: 'S1' })).toMatchObject({
      status: 'closed',
      opened_on: '2009-03-16',
      closed_on: '2009-04-05',
      carried_over: 1,
    });
    expect(row(rows, 'instance', { campaign_id: 'C1', branch_id: 'B1', instance_key: 'T1:branch:B1' })).toMatchObject({
      status: 'open',
      carried_over: true,
      carried_over_to: 'S2',
    });
    expect(row(rows, 'campaign', { campaign_id: 'C1' })).toMatchObject({ status: 'closed', closed_on: '2009-04-26' });
  });
});
