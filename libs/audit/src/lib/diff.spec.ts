import { formatPosition } from '@campaign-ledger/event-store';
import { CampaignScript, LEADER, SCRIPT_CAMPAIGN } from '../testing/campaign-script';
import { stateAsOf, type ReplayProgress } from './as-of';
import { diffBetween } from './diff';
import { CampaignNotInLogError, InvalidMomentError } from './errors';

const complete = (branchId: string, instanceKey: string, on: string, note = '', campaignId = SCRIPT_CAMPAIGN) => ({
  type: 'CompleteTaskInstance' as const,
  data: { campaignId, branchId, instanceKey, note, evidence: [], completedOn: on, by: `acc-sec-${branchId}` },
});

describe('diff between two moments', () => {
  let script: CampaignScript;

  beforeAll(async () => {
    script = new CampaignScript();
    await script.at('2009-03-15T02:00:00Z').office();
    await script.at('2009-03-20T02:00:00Z').branch('B1', '2009-03-20', [complete('B1', 'T05:branch:B1', '2009-03-20', '已制定学习计划')]);
    await script.branch('B2', '2009-03-20', [complete('B2', 'T05:branch:B2', '2009-03-20')]);
    await script.at('2009-03-21T02:00:00Z').branch(
      'B2',
      '2009-03-21',
      [
        {
          type: 'ReopenTaskInstance',
          data: { campaignId: 'C1', branchId: 'B2', instanceKey: 'T05:branch:B2', reason: '缺少会议记录', on: '2009-03-21', by: 'acc-sec-B2' },
        },
      ],
      { reason: '缺少会议记录' },
    );
    await script.branch('B1', '2009-03-21', [complete('B1', 'T07:member:M2', '2009-03-21')]);
    await script.at('2009-03-22T02:00:00Z').campaign(
      [
        {
          type: 'AddTask',
          data: {
            task: { taskId: 'Q1', title: '撰写调研报告', stageId: 'S1', phaseId: 'P2', scope: 'branch', dueDate: '2009-05-10', kind: 'quantity', target: 20 },
            reason: '各支部上报调研报告',
            by: 'office',
          },
        },
        { type: 'MoveTaskDeadline', data: { taskId: 'T07', dueDate: '2009-05-10', reason: '与督导组检查冲突，顺延', by: 'office' } },
        { type: 'CancelTask', data: { taskId: 'T13', reason: '与集中学习合并', by: 'office' } },
      ],
      'C1',
      LEADER,
    );
    // Another campaign's work is not this campaign's change.
    await script.plan('C2', '另一项活动');
    await script.branch('B1', '2009-03-22', [complete('B1', 'T05:branch:B1', '2009-03-22', '', 'C2')], { campaignId: 'C2' });
    await script.at('2009-03-23T02:00:00Z').branch('B2', '2009-03-23', [complete('B2', 'T05:branch:B2', '2009-03-23', '补齐会议记录')]);
  });

  it('lists every completion, reopening, task added or cancelled and deadline moved, with who, when, why and the title', async () => {
    const diff = await diffBetween(script.store, SCRIPT_CAMPAIGN, '2009-03-20', '2009-03-22');
    expect(diff).toMatchObject({
      campaignId: 'C1',
      from: '2009-03-20T15:59:59.999Z',
      to: '2009-03-22T15:59:59.999Z',
      fromOfficeDate: '2009-03-20',
      toOfficeDate: '2009-03-22',
    });
    expect(diff.changes.map((c) => `${c.type} ${c.instanceKey ?? c.taskId}`)).toEqual([
      'TaskReopened T05:branch:B2',
      'TaskCompleted T07:member:M2',
      'TaskAdded Q1',
      'TaskDeadlineMoved T07',
      'TaskCancelled T13',
    ]);
    expect(diff.summary).toEqual({ completed: 1, reopened: 1, added: 1, cancelled: 1, deadlineMoved: 1 });
    const [reopened, completed, added, moved, cancelled] = diff.changes;
    expect(reopened).toMatchObject({
      change: 'reopened',
      taskId: 'T05',
      branchId: 'B2',
      title: expect.any(String),
      stageId: 'S1',
      actorId: 'acc-sec-B2',
      actorRole: 'secretary',
      recordedAt: '2009-03-21T02:00:00.000Z',
      reason: '缺少会议记录',
      streamId: 'branchWork-C1:B2',
      revision: 1,
    });
    expect(reopened.title?.length).toBeGreaterThan(0);
    expect(completed).toMatchObject({ change: 'completed', branchId: 'B1', reason: null, actorRole: 'secretary' });
    expect(added).toMatchObject({
      change: 'added',
      instanceKey: null,
      branchId: null,
      title: '撰写调研报告',
      reason: '各支部上报调研报告',
      actorId: 'acc-leader',
      actorRole: 'leading_group',
      dueDate: '2009-05-10',
    });
    expect(moved).toMatchObject({
      change: 'deadlineMoved',
      reason: '与督导组检查冲突，顺延',
      previousDueDate: expect.stringMatching(/^2009-/),
      dueDate: '2009-05-10',
    });
    expect(cancelled).toMatchObject({ change: 'cancelled', taskId: 'T13', reason: '与集中学习合并', title: expect.any(String) });
  });

  it('leads from the state at "from" to the state at "to"', async () => {
    const [before, after] = await Promise.all([stateAsOf(script.store, SCRIPT_CAMPAIGN, '2009-03-20'), stateAsOf(script.store, SCRIPT_CAMPAIGN, '2009-03-23')]);
    const diff = await diffBetween(script.store, SCRIPT_CAMPAIGN, '2009-03-20', '2009-03-23');
    expect(diff.fromPosition).toBe(before.position);
    expect(diff.toPosition).toBe(after.position);
    expect(after.overview.totals.done - before.overview.totals.done).toBe(diff.summary.completed - diff.summary.reopened);
    expect(diff.changes.at(-1)).toMatchObject({ type: 'TaskCompleted', instanceKey: 'T05:branch:B2', note: '补齐会议记录', title: reopenedTitle(diff) });
  });

  it('takes instants as well as days, and is empty over an empty range', async () => {
    const diff = await diffBetween(script.store, SCRIPT_CAMPAIGN, '2009-03-21T01:59:59Z', '2009-03-21T02:00:00Z');
    expect(diff.changes.map((c) => c.type)).toEqual(['TaskReopened', 'TaskCompleted']);
    const none = await diffBetween(script.store, SCRIPT_CAMPAIGN, '2009-03-21', '2009-03-21');
    expect(none.changes).toEqual([]);
    expect(none.summary).toEqual({ completed: 0, reopened: 0, added: 0, cancelled: 0, deadlineMoved: 0 });
  });

  it('reports progress and reads no further than "to"', async () => {
    const progress: ReplayProgress[] = [];
    const diff = await diffBetween(script.store, SCRIPT_CAMPAIGN, '2009-03-15', '2009-03-20', (p) => progress.push(p), { pageSize: 2 });
    const all = await script.store.readAll();
    const upTo = all.filter((e) => e.recordedAt <= new Date('2009-03-20T15:59:59.999Z'));
    expect(diff.eventsRead).toBe(upTo.length);
    expect(diff.toPosition).toBe(formatPosition(upTo[upTo.length - 1].logPosition));
    expect(progress.at(-1)).toEqual({ events: upTo.length, total: null });
    expect(diff.summary.completed).toBe(2);
  });

  it('refuses a reversed or unreadable range and an unknown campaign', async () => {
    await expect(diffBetween(script.store, SCRIPT_CAMPAIGN, '2009-03-22', '2009-03-20')).rejects.toThrow(InvalidMomentError);
    await expect(diffBetween(script.store, SCRIPT_CAMPAIGN, '2009-03-22', '2009-03-20')).rejects.toThrow(/"from" .* is after "to"/);
    await expect(diffBetween(script.store, SCRIPT_CAMPAIGN, 'last week', '2009-03-20')).rejects.toThrow(/"from" must be a day/);
    await expect(diffBetween(script.store, SCRIPT_CAMPAIGN, '2009-03-20', '')).rejects.toThrow(/"to" is missing/);
    await expect(diffBetween(script.store, 'NOPE', '2009-03-20', '2009-03-22')).rejects.toThrow(CampaignNotInLogError);
  });
});

const reopenedTitle = (diff: Awaited<ReturnType<typeof diffBetween>>) => diff.changes.find((c) => c.type === 'TaskReopened')?.title;
