import { participationRate } from '@campaign-ledger/domain';
import type { RecordedEvent } from '@campaign-ledger/event-store';
import { completed, organisationEvents, recordAll, reopened, smallPlan, type PlainEvent } from '../../testing/recorded-events';
import { MemoryRows, WindowRows } from '../rows/row-set';
import { TABLE_NAMES, type RowTypes, type TableName } from '../rows/tables';
import { snapshotSource, snapshotTables } from '../queries/source';
import { branchInstances, campaignOverview } from '../queries/read-model.queries';
import { projectInMemory } from './project-in-memory';
import { projectEvents } from './read-model.projection';

const given = (...events: PlainEvent[]) => projectInMemory(recordAll(events)).rows;
const row = <T extends TableName>(rows: MemoryRows, table: T, key: Partial<RowTypes[T]>) => rows.get(table, key);
const counter = (rows: MemoryRows, taskId: string, branchId = 'B1', weekOf = '') =>
  rows.get('counter', { campaign_id: 'C1', branch_id: branchId, task_id: taskId, week_of: weekOf });
const counts = (rows: MemoryRows, taskId: string, branchId = 'B1', weekOf = '') => {
  const c = counter(rows, taskId, branchId, weekOf);
  return c && { applicable: c.applicable, done: c.done };
};
const base = (): PlainEvent[] => [...organisationEvents(), smallPlan()];

describe('read-model projection: organisation events', () => {
  it('UnitRegistered, DivisionAdded, BranchAdded, MemberJoined give their rows', () => {
    const rows = given(...organisationEvents());
    expect(row(rows, 'unit', { unit_id: 'U1' })).toEqual({ unit_id: 'U1', name: 'Office', code: 'OF' });
    expect(rows.scan('division', { unit_id: 'U1' })).toHaveLength(2);
    expect(row(rows, 'branch', { unit_id: 'U1', branch_id: 'B1' })).toEqual({ unit_id: 'U1', branch_id: 'B1', name: 'Branch one', secretary_name: 'Wang' });
    expect(row(rows, 'member', { unit_id: 'U1', member_id: 'M1' })).toMatchObject({ branch_id: 'B1', is_leader: true, status: 'active' });
    expect(rows.tables.counter.size).toBe(0);
  });

  it('BranchRenamed and BranchSecretaryChanged update the branch', () => {
    const rows = given(
      ...organisationEvents(),
      { type: 'BranchRenamed', data: { unitId: 'U1', branchId: 'B1', previousName: 'Branch one', name: 'First branch' } },
      { type: 'BranchSecretaryChanged', data: { unitId: 'U1', branchId: 'B1', previousSecretaryName: 'Wang', secretaryName: 'Li' } },
    );
    expect(row(rows, 'branch', { unit_id: 'U1', branch_id: 'B1' })).toMatchObject({ name: 'First branch', secretary_name: 'Li' });
  });

  it('a member joining after the plan adds to member-scope denominators', () => {
    const rows = given(...base(), { type: 'MemberJoined', data: { unitId: 'U1', memberId: 'M4', name: 'Zhao', branchId: 'B1', isLeader: true, joinedOn: '2009-03-20' } });
    expect(counts(rows, 'T2')).toEqual({ applicable: 4, done: 0 });
    expect(counts(rows, 'T3')).toEqual({ applicable: 2, done: 0 });
  });

  it('exemption takes the member and their completed work out of the denominators; reinstatement puts both back', () => {
    const exempted = given(...base(), completed('T2:member:M2'), { type: 'MemberExempted', data: { unitId: 'U1', memberId: 'M2', branchId: 'B1', reason: 'ill', from: '2009-03-21', until: null } });
    expect(counts(exempted, 'T2')).toEqual({ applicable: 2, done: 0 });
    expect(row(exempted, 'member', { unit_id: 'U1', member_id: 'M2' })?.status).toBe('exempt');
    expect(row(exempted, 'instance', { campaign_id: 'C1', branch_id: 'B1', instance_key: 'T2:member:M2' })?.status).toBe('completed');
    const reinstated = given(
      ...base(), completed('T2:member:M2'),
      { type: 'MemberExempted', data: { unitId: 'U1', memberId: 'M2', branchId: 'B1', reason: 'ill', from: '2009-03-21', until: null } },
      { type: 'MemberReinstated', data: { unitId: 'U1', memberId: 'M2', branchId: 'B1', on: '2009-04-01', note: null } },
    );
    expect(counts(reinstated, 'T2')).toEqual({ applicable: 3, done: 1 });
  });

  it('an exempt leader leaves the leader-scope denominators too', () => {
    const rows = given(...base(), { type: 'MemberExempted', data: { unitId: 'U1', memberId: 'M1', branchId: 'B1', reason: 'abroad', from: '2009-03-21', until: '2009-05-01' } });
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

describe('read-model projection: campaign events', () => {
  it('CampaignPlanned gives the plan and one counter per task, branch (and week) with its applicable count by scope', () => {
    const rows = given(...base());
    expect(row(rows, 'campaign', { campaign_id: 'C1' })).toMatchObject({ unit_id: 'U1', status: 'planned', office_branch_id: '_unit' });
    expect(rows.scan('stage', { campaign_id: 'C1' }).map((s) => [s.stage_id, s.status])).toEqual([['S1', 'pending'], ['S2', 'pending']]);
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
    const rows = given(...base(), { type: 'TaskDeadlineMoved', data: { campaignId: 'C1', taskId: 'T2', stageId: 'S1', previousDueDate: '2009-03-29', dueDate: '2009-04-03', reason: 'x', by: 'o' } });
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
          campaignId: 'C1', stageId: 'S1', order: 1, closedOn: '2009-04-05', by: 'o', note: null,
          carriedOver: [{ instanceKey: 'T1:branch:B1', taskId: 'T1', branchId: 'B1', fromStageId: 'S1', toStageId: 'S2' }],
        },
      },
      { type: 'CampaignClosed', data: { campaignId: 'C1', closedOn: '2009-04-26', by: 'o', note: null } },
    );
    expect(row(rows, 'stage', { campaign_id: 'C1', stage_id: 'S1' })).toMatchObject({ status: 'closed', opened_on: '2009-03-16', closed_on: '2009-04-05', carried_over: 1 });
    expect(row(rows, 'instance', { campaign_id: 'C1', branch_id: 'B1', instance_key: 'T1:branch:B1' })).toMatchObject({ status: 'open', carried_over: true, carried_over_to: 'S2' });
    expect(row(rows, 'campaign', { campaign_id: 'C1' })).toMatchObject({ status: 'closed', closed_on: '2009-04-26' });
  });
});

describe('read-model projection: branch-work events', () => {
  it('TaskCompleted records the instance and counts it done once', () => {
    const rows = given(...base(), completed('T1:branch:B1'), completed('T1:branch:B1'));
    expect(row(rows, 'instance', { campaign_id: 'C1', branch_id: 'B1', instance_key: 'T1:branch:B1' })).toMatchObject({
      status: 'completed', completed_on: '2009-03-20', completed_by: 'Wang', evidence: ['a'.repeat(64)], reopen_count: 0,
    });
    expect(counts(rows, 'T1')).toEqual({ applicable: 1, done: 1 });
  });

  it('TaskReopened undoes the completion; completing again counts it again', () => {
    const undone = given(...base(), completed('T4:week:B1:2009-03-16', { weekOf: '2009-03-16', phaseId: 'P2' }), reopened('T4:week:B1:2009-03-16'));
    expect(row(undone, 'instance', { campaign_id: 'C1', branch_id: 'B1', instance_key: 'T4:week:B1:2009-03-16' })).toMatchObject({ status: 'reopened', reopen_count: 1, completed_on: null });
    expect(counts(undone, 'T4', 'B1', '2009-03-16')).toEqual({ applicable: 1, done: 0 });
    const redone = given(...base(), completed('T2:member:M1'), reopened('T2:member:M1'), completed('T2:member:M1'));
    expect(counts(redone, 'T2')).toEqual({ applicable: 3, done: 1 });
    expect(row(redone, 'instance', { campaign_id: 'C1', branch_id: 'B1', instance_key: 'T2:member:M1' })?.reopen_count).toBe(1);
  });

  it('QuantityReported keeps the running total on the instance', () => {
    const rows = given(...base(), {
      type: 'QuantityReported',
      data: { ...completed('T7:branch:B1').data as object, amount: 4, on: '2009-04-10', note: null, by: 'Wang', reportId: 'r1', actual: 4, target: 10, challenge: 15 },
    });
    expect(row(rows, 'instance', { campaign_id: 'C1', branch_id: 'B1', instance_key: 'T7:branch:B1' })).toMatchObject({ actual: 4, status: 'open' });
  });

  it('StudySessionRecorded and StudyMakeUpRecorded give session, attendance and participation figures equal to the domain metric', () => {
    const session = (sessionId: string, attendance: Record<string, string>, expected: string[]): PlainEvent => ({
      type: 'StudySessionRecorded', data: { campaignId: 'C1', branchId: 'B1', sessionId, date: '2009-03-19', topic: 't', by: 'Wang', attendance, expected },
    });
    const rows = given(
      ...base(),
      session('S-1', { M1: 'present', M2: 'leave', M3: 'exempt' }, ['M1', 'M2']),
      session('S-2', { M1: 'present', M2: 'absent', M3: 'present' }, ['M1', 'M2', 'M3']),
      { type: 'StudyMakeUpRecorded', data: { campaignId: 'C1', branchId: 'B1', sessionId: 'S-1', sessionDate: '2009-03-19', memberId: 'M2', originalMark: 'leave', date: '2009-03-20', note: null, by: 'Wang' } },
      { type: 'StudyMakeUpRecorded', data: { campaignId: 'C1', branchId: 'B1', sessionId: 'S-1', sessionDate: '2009-03-19', memberId: 'M2', originalMark: 'leave', date: '2009-03-21', note: null, by: 'Wang' } },
    );
    expect(row(rows, 'session', { campaign_id: 'C1', branch_id: 'B1', session_id: 'S-1' })).toMatchObject({ expected: 2, present: 1, leave: 1, absent: 0, made_up: 1, week_of: '2009-03-16' });
    expect(row(rows, 'attendance', { campaign_id: 'C1', branch_id: 'B1', session_id: 'S-1', member_id: 'M3' })).toMatchObject({ mark: 'exempt', expected: false });
    expect(row(rows, 'attendance', { campaign_id: 'C1', branch_id: 'B1', session_id: 'S-1', member_id: 'M2' })?.made_up_on).toBe('2009-03-20');
    expect(row(rows, 'participation', { campaign_id: 'C1', branch_id: 'B1', member_id: 'M2' })).toMatchObject({ expected: 2, participated: 1, complete: false });
    const domain = participationRate([
      { sessionId: 'S-1', attendance: { M1: 'present', M2: 'leave', M3: 'exempt' }, expected: ['M1', 'M2'], madeUp: { M2: '2009-03-20' } },
      { sessionId: 'S-2', attendance: { M1: 'present', M2: 'absent', M3: 'present' }, expected: ['M1', 'M2', 'M3'], madeUp: {} },
    ]);
    return campaignOverview(snapshotSource({ rows }), 'C1', { asOf: '2009-03-25' }).then((o) => {
      expect(o.participation.byPerson).toEqual(domain.byPerson);
      expect(o.participation.byPersonSession).toEqual(domain.byPersonSession);
      expect(o.participation.attendance).toEqual({ numerator: 3, denominator: 5 });
    });
  });

  it('ThreeOnesRecorded fills the member\'s items', () => {
    const rows = given(
      ...base(),
      { type: 'ThreeOnesRecorded', data: { campaignId: 'C1', branchId: 'B1', memberId: 'M1', item: 'reading', date: '2009-03-18', title: 'book', note: null, by: 'Wang' } },
      { type: 'ThreeOnesRecorded', data: { campaignId: 'C1', branchId: 'B1', memberId: 'M1', item: 'essay', date: '2009-03-25', title: 'essay', note: null, by: 'Wang' } },
    );
    expect(row(rows, 'three_ones', { campaign_id: 'C1', member_id: 'M1' })).toEqual({ campaign_id: 'C1', member_id: 'M1', branch_id: 'B1', reading_on: '2009-03-18', talk_on: null, essay_on: '2009-03-25' });
  });

  it('events of other kinds only move the checkpoint', () => {
    const rows = given({ type: 'AccountCreated', data: { accountId: 'a' } });
    expect(rows.get('checkpoint', { id: 'main' })).toMatchObject({ commit_pos: '1', events_applied: 1 });
    expect(TABLE_NAMES.filter((t) => t !== 'checkpoint').every((t) => rows.tables[t].size === 0)).toBe(true);
  });
});

describe('idempotency and folding through a window', () => {
  const events = recordAll([
    ...base(), completed('T1:branch:B1'), completed('T2:member:M2'),
    { type: 'MemberExempted', data: { unitId: 'U1', memberId: 'M2', branchId: 'B1', reason: 'ill', from: '2009-03-21', until: null } },
    { type: 'BranchAdded', data: { unitId: 'U1', branchId: 'B2', name: 'Branch two', secretaryName: 'Liu' } },
    { type: 'MemberTransferred', data: { unitId: 'U1', memberId: 'M3', fromBranchId: 'B1', toBranchId: 'B2', on: '2009-03-25', reason: null } },
    reopened('T1:branch:B1'),
    { type: 'TaskCancelled', data: { campaignId: 'C1', taskId: 'T3', stageId: 'S1', reason: 'x', by: 'o' } },
  ]);

  it('an event at or before the checkpoint is never applied twice', () => {
    const rows = new MemoryRows();
    expect(projectEvents(rows, events)).toBe(events.length);
    const before = JSON.stringify(snapshotTables({ rows }));
    expect(projectEvents(rows, events)).toBe(0);
    expect(projectEvents(rows, events.slice(3, 6))).toBe(0);
    expect(JSON.stringify(snapshotTables({ rows }))).toBe(before);
  });

  it('folding batch by batch through a window that loads what it misses gives the same rows as folding in memory', () => {
    const store = new MemoryRows();
    for (let i = 0; i < events.length; i += 3) {
      const batch = events.slice(i, i + 3);
      const window = new WindowRows();
      for (let attempt = 0; ; attempt += 1) {
        window.reset();
        projectEvents(window, batch);
        if (window.misses.length === 0) break;
        for (const miss of window.misses) {
          if (miss.kind === 'scan') window.addLoadedScan(miss.table, miss.where, store.scan(miss.table, miss.where as never));
          else window.addLoadedKey(miss.table, miss.where, store.get(miss.table, miss.where as never));
        }
        expect(attempt).toBeLessThan(10);
      }
      const changes = window.changes() as Record<string, RowTypes[TableName][]>;
      for (const table of TABLE_NAMES) for (const r of changes[table] ?? []) store.put(table, r as never);
    }
    const expected = projectInMemory(events as RecordedEvent[]).rows;
    const sorted = (rows: MemoryRows) => Object.fromEntries(TABLE_NAMES.map((t) => [t, [...rows.tables[t].entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, r]) => r)]));
    expect(sorted(store)).toEqual(sorted(expected));
  });

  it('counters agree with the instance list of every branch', async () => {
    const source = snapshotSource(projectInMemory(events));
    for (const branchId of ['B1', 'B2', '_unit']) {
      const list = await branchInstances(source, 'C1', branchId, { asOf: '2009-03-25' });
      const rows = await source.aggregate('counter', { campaign_id: 'C1', branch_id: branchId, cancelled: false }, [], ['applicable', 'done']);
      expect({ applicable: list.length, done: list.filter((i) => i.status === 'completed').length }).toEqual({
        applicable: rows[0]?.applicable ?? 0, done: rows[0]?.done ?? 0,
      });
    }
  });
});
