import { InMemoryEventStore, formatPosition } from '@campaign-ledger/event-store';
import { campaignOverview, overdueInstances, participationOverTime, projectInMemory, rankBranches, snapshotSource } from '@campaign-ledger/projections';
import { ArrayEventStore } from '../testing/array-event-store';
import { CampaignScript, LEADER, SCRIPT_CAMPAIGN } from '../testing/campaign-script';
import { replayLog, stateAsOf, type ReplayProgress } from './as-of';
import { CampaignNotInLogError, CampaignNotYetPlannedError, InvalidMomentError } from './errors';
import { endOfOfficeDay, officeDateOf, parseMoment } from './moment';

/** What the live endpoints answer now: the whole log folded, the same queries, evaluated on today's office date. */
async function liveFigures(script: CampaignScript, campaignId = SCRIPT_CAMPAIGN) {
  const source = snapshotSource(projectInMemory(await script.store.readAll()));
  const asOf = officeDateOf(script.clock.now());
  const overview = await campaignOverview(source, campaignId, { asOf });
  return {
    overview,
    participation: { overall: overview.participation, weekly: await participationOverTime(source, campaignId) },
    overdue: await overdueInstances(source, campaignId, { asOf }),
    ranking: await rankBranches(source, campaignId, 'completion'),
  };
}

const figures = ({ overview, participation, overdue, ranking }: Awaited<ReturnType<typeof stateAsOf>>) => ({ overview, participation, overdue, ranking });

describe('moments', () => {
  it('reads a day as the end of that office day, and an instant with its zone', () => {
    expect(parseMoment('2009-03-20')).toEqual({ at: new Date('2009-03-20T15:59:59.999Z'), officeDate: '2009-03-20' });
    expect(parseMoment('2009-03-20T16:30:00Z')).toEqual({ at: new Date('2009-03-20T16:30:00Z'), officeDate: '2009-03-21' });
    expect(parseMoment('2009-03-21T00:30+08:00').at.toISOString()).toBe('2009-03-20T16:30:00.000Z');
    expect(endOfOfficeDay('2024-02-29').toISOString()).toBe('2024-02-29T15:59:59.999Z');
  });

  it('refuses what it cannot read, saying what it takes', () => {
    expect(() => parseMoment('2009-02-30')).toThrow(/not a real calendar day/);
    expect(() => parseMoment('2009-03-20T10:00:00')).toThrow(/time zone/);
    expect(() => parseMoment('yesterday', 'from')).toThrow(InvalidMomentError);
    expect(() => parseMoment('yesterday', 'from')).toThrow(/"from" must be a day \(YYYY-MM-DD/);
    expect(() => parseMoment('2009-02-30T10:00:00Z')).toThrow(InvalidMomentError);
    expect(() => parseMoment('')).toThrow(/missing/);
  });
});

describe('state as of a moment', () => {
  let script: CampaignScript;
  const live: Record<string, Awaited<ReturnType<typeof liveFigures>>> = {};

  beforeAll(async () => {
    script = new CampaignScript();
    await script.at('2009-03-15T02:00:00Z').office();
    live.planned = await liveFigures(script);

    await script.at('2009-03-20T02:00:00Z').branch('B1', '2009-03-20', [
      {
        type: 'CompleteTaskInstance',
        data: {
          campaignId: 'C1',
          branchId: 'B1',
          instanceKey: 'T05:branch:B1',
          note: '已制定学习计划',
          evidence: [],
          completedOn: '2009-03-20',
          by: 'acc-sec-B1',
        },
      },
      {
        type: 'CompleteTaskInstance',
        data: { campaignId: 'C1', branchId: 'B1', instanceKey: 'T07:member:M1', note: '', evidence: [], completedOn: '2009-03-20', by: 'acc-sec-B1' },
      },
      {
        type: 'RecordStudySession',
        data: {
          campaignId: 'C1',
          branchId: 'B1',
          sessionId: 'ss1',
          date: '2009-03-19',
          topic: '集中学习',
          attendance: { M1: 'present', M2: 'leave', M3: 'absent' },
          by: 'acc-sec-B1',
        },
      },
    ]);
    await script.branch('B2', '2009-03-20', [
      {
        type: 'CompleteTaskInstance',
        data: { campaignId: 'C1', branchId: 'B2', instanceKey: 'T05:branch:B2', note: '', evidence: [], completedOn: '2009-03-20', by: 'acc-sec-B2' },
      },
    ]);
    // 23:30 in the office: still the 20th.
    await script.at('2009-03-20T15:30:00Z').branch('B2', '2009-03-20', [
      {
        type: 'CompleteTaskInstance',
        data: { campaignId: 'C1', branchId: 'B2', instanceKey: 'T07:member:M4', note: '', evidence: [], completedOn: '2009-03-20', by: 'acc-sec-B2' },
      },
    ]);
    live.endOf20th = await liveFigures(script);

    // 00:30 in the office on the 21st.
    await script.at('2009-03-20T16:30:00Z').branch('B2', '2009-03-21', [
      {
        type: 'ReopenTaskInstance',
        data: { campaignId: 'C1', branchId: 'B2', instanceKey: 'T05:branch:B2', reason: '缺少会议记录', on: '2009-03-21', by: 'acc-sec-B2' },
      },
    ]);
    // Another campaign of the same unit moves on too; it must not change C1's figures.
    await script.at('2009-03-22T02:00:00Z').plan('C2', '另一项活动');
    await script.branch(
      'B1',
      '2009-03-22',
      [
        {
          type: 'CompleteTaskInstance',
          data: { campaignId: 'C2', branchId: 'B1', instanceKey: 'T05:branch:B1', note: '', evidence: [], completedOn: '2009-03-22', by: 'acc-sec-B1' },
        },
      ],
      { campaignId: 'C2' },
    );
    await script.at('2009-03-25T02:00:00Z').campaign(
      [
        { type: 'MoveTaskDeadline', data: { taskId: 'T07', dueDate: '2009-05-10', reason: '与督导组检查冲突，顺延', by: 'office' } },
        { type: 'CancelTask', data: { taskId: 'T13', reason: '与集中学习合并', by: 'office' } },
      ],
      'C1',
      LEADER,
    );
    await script.branch('B1', '2009-03-25', [
      { type: 'RecordMakeUp', data: { campaignId: 'C1', branchId: 'B1', sessionId: 'ss1', memberId: 'M2', date: '2009-03-25', by: 'acc-sec-B1' } },
    ]);
    live.later = await liveFigures(script);
  });

  it('gives the figures the live read model showed at that moment, whatever happened since', async () => {
    const endOf20th = await stateAsOf(script.store, SCRIPT_CAMPAIGN, '2009-03-20');
    expect(figures(endOf20th)).toEqual(live.endOf20th);
    expect(endOf20th).toMatchObject({ campaignId: 'C1', at: '2009-03-20T15:59:59.999Z', officeDate: '2009-03-20' });
    expect(endOf20th.overview.totals.done).toBe(4);
    expect(endOf20th.overview.participation.byPersonSession).toEqual({ numerator: 1, denominator: 3 });

    const planned = await stateAsOf(script.store, SCRIPT_CAMPAIGN, '2009-03-15T02:00:00Z');
    expect(figures(planned)).toEqual(live.planned);
    expect(planned.overview.totals.done).toBe(0);

    const later = await stateAsOf(script.store, SCRIPT_CAMPAIGN, new Date('2009-03-25T02:00:00Z'));
    expect(figures(later)).toEqual(live.later);
    expect(later.overview.totals.done).toBe(3);
    expect(later.overview.participation.byPersonSession).toEqual({ numerator: 2, denominator: 3 });
  });

  it('moves with the moment: the reopening 00:30 on the 21st is in the 21st, not the 20th', async () => {
    const before = await stateAsOf(script.store, SCRIPT_CAMPAIGN, '2009-03-20T16:29:59.999Z');
    const after = await stateAsOf(script.store, SCRIPT_CAMPAIGN, '2009-03-21');
    expect(before.overview.totals.done - after.overview.totals.done).toBe(1);
    expect(after.ranking.find((r) => r.branchId === 'B2')?.completion.numerator).toBe(1);
    expect(before.officeDate).toBe('2009-03-21');
  });

  it('says how much of the log it read and replayed, and where it stopped', async () => {
    const all = await script.store.readAll();
    const progress: ReplayProgress[] = [];
    const state = await stateAsOf(script.store, SCRIPT_CAMPAIGN, '2009-03-22', (p) => progress.push(p), { pageSize: 3, total: all.length });
    const included = all.filter((e) => e.recordedAt.getTime() <= Date.parse('2009-03-22T15:59:59.999Z'));
    expect(state.eventsRead).toBe(included.length);
    expect(state.position).toBe(formatPosition(included[included.length - 1].logPosition));
    // Campaign C2's plan and work are read but not replayed.
    expect(state.eventsReplayed).toBe(included.length - 2);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual({ events: included.length, total: all.length });
    expect(progress.map((p) => p.events)).toEqual([...progress.map((p) => p.events)].sort((a, b) => a - b));
  });

  it('stops at the first event recorded after the moment, as the log is ordered', async () => {
    const rows = (await script.store.readAll()).map((e) => ({ ...e }));
    const store = new ArrayEventStore(rows);
    // An event written later in the log but stamped earlier (a slow transaction): the prefix ends before it.
    const reopen = store.rows.findIndex((e) => e.type === 'TaskReopened');
    const [moved] = store.rows.splice(reopen, 1);
    store.rows.push({ ...moved, recordedAt: new Date('2009-03-20T16:30:00Z') });
    const replayed = await replayLog(store, new Date('2009-03-21T00:00:00Z'));
    expect(replayed.eventsRead).toBe(reopen);
  });

  it('answers 404-style errors for an unknown campaign or a moment before it was planned, and refuses a bad moment', async () => {
    await expect(stateAsOf(script.store, 'NOPE', '2009-03-20')).rejects.toThrow(CampaignNotInLogError);
    const early = stateAsOf(script.store, SCRIPT_CAMPAIGN, '2009-03-14');
    await expect(early).rejects.toThrow(CampaignNotYetPlannedError);
    await expect(early).rejects.toThrow(/did not exist yet at 2009-03-14T15:59:59.999Z: it was planned at 2009-03-15T02:00:00.000Z/);
    await expect(stateAsOf(script.store, SCRIPT_CAMPAIGN, 'soon')).rejects.toThrow(InvalidMomentError);
    await expect(stateAsOf(new InMemoryEventStore(), SCRIPT_CAMPAIGN, '2009-03-20')).rejects.toThrow(/no campaign C1 in the log/);
  });
});
