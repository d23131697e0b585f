import { campaignOf, member, planned2009, plannedSmall, roster, unitRoster } from '../testing/fixtures';
import { countByScope, expandInstances } from './expand-instances';
import { InstanceKeys, parseInstanceKey } from './instance-key';

// Branch B3 of 15 members: M01 and M02 lead, M15 is exempt (long illness).
const members = Array.from({ length: 15 }, (_, i) => {
  const id = `M${String(i + 1).padStart(2, '0')}`;
  return member(id, { isLeader: i < 2, status: i === 14 ? 'exempt' : 'active' });
});

describe('expandInstances over the 2009 plan', () => {
  const plan = campaignOf(planned2009());

  it('gives a branch of 15 members (1 exempt, 2 leaders) its instances per scope', () => {
    const instances = expandInstances(plan, roster('B3', members));
    expect(countByScope(instances)).toEqual({ unit: 0, division: 0, branch: 4, branch_recurring_weekly: 9, member: 5 * 14, leader: 3 * 2 });
    expect(instances).toHaveLength(4 + 9 + 70 + 6);
    expect(instances.some((i) => i.subjectId === 'M15')).toBe(false);
  });

  it('gives the unit level its unit and division instances', () => {
    const instances = expandInstances(plan, unitRoster());
    expect(countByScope(instances)).toEqual({ unit: 23, division: 3 * 2, branch: 0, branch_recurring_weekly: 0, member: 0, leader: 0 });
  });

  it('builds stable keys with everything a projection needs', () => {
    const instances = expandInstances(plan, roster('B3', members));
    expect(instances.find((i) => i.key === 'T05:branch:B3')).toEqual({
      key: 'T05:branch:B3',
      taskId: 'T05',
      stageId: 'S1',
      phaseId: 'P1',
      trackId: null,
      scope: 'branch',
      subjectId: 'B3',
      branchId: 'B3',
      weekOf: null,
      dueDate: '2009-03-29',
      mandatory: true,
      kind: 'checklist',
    });
    expect(instances.find((i) => i.key === 'T06:week:B3:2009-03-16')).toMatchObject({
      weekOf: '2009-03-16',
      dueDate: '2009-03-22',
      scope: 'branch_recurring_weekly',
    });
    expect(instances.find((i) => i.key === 'T07:member:M03')).toMatchObject({ subjectId: 'M03', dueDate: '2009-05-03' });
    expect(instances.find((i) => i.key === 'T10:leader:M01')).toMatchObject({ scope: 'leader', subjectId: 'M01' });
    expect(new Set(instances.map((i) => i.key)).size).toBe(instances.length);
  });

  it('leaves cancelled tasks out, and flags carried-over instances', () => {
    const state = campaignOf(
      planned2009(),
      { type: 'TaskCancelled', data: { campaignId: 'C1', taskId: 'T05', stageId: 'S1', reason: 'x', by: 'o' } },
      { type: 'StageOpened', data: { campaignId: 'C1', stageId: 'S1', order: 1, openedOn: '2009-03-16', by: 'o' } },
      {
        type: 'StageClosed',
        data: {
          campaignId: 'C1',
          stageId: 'S1',
          order: 1,
          closedOn: '2009-05-17',
          by: 'o',
          note: null,
          carriedOver: [{ instanceKey: 'T11:branch:B3', taskId: 'T11', branchId: 'B3', fromStageId: 'S1', toStageId: 'S2' }],
        },
      },
    );
    const instances = expandInstances(state, roster('B3', members));
    expect(instances.some((i) => i.taskId === 'T05')).toBe(false);
    expect(expandInstances(state, roster('B3', members), 'B3', { includeCancelled: true }).some((i) => i.taskId === 'T05')).toBe(true);
    expect(instances.find((i) => i.key === 'T11:branch:B3')!.carriedOverTo).toBe('S2');
  });

  it('expands one task alone, exactly as it appears among all instances', () => {
    const all = expandInstances(plan, roster('B3', members));
    for (const taskId of ['T05', 'T06', 'T07', 'T10']) {
      expect(expandInstances(plan, roster('B3', members), 'B3', { taskId })).toEqual(all.filter((i) => i.taskId === taskId));
    }
  });

  it('puts unit work in a real office branch when the plan names one', () => {
    const state = campaignOf(planned2009('C1', 'B1'));
    expect(countByScope(expandInstances(state, roster('B1', [member('M1')])))).toMatchObject({ unit: 23, division: 6, branch: 4, member: 5 });
    expect(countByScope(expandInstances(state, unitRoster())).unit).toBe(0);
  });

  it('expands a stage-less campaign (weekly over the whole campaign)', () => {
    const instances = expandInstances(campaignOf(plannedSmall()), roster('B1', [member('M1'), member('M2')]));
    expect(countByScope(instances)).toMatchObject({ branch: 2, member: 4, branch_recurring_weekly: 4 });
  });
});

describe('instance keys', () => {
  it('round-trip through parseInstanceKey', () => {
    expect(parseInstanceKey(InstanceKeys.unit('T01'))).toEqual({ scope: 'unit', taskId: 'T01' });
    expect(parseInstanceKey(InstanceKeys.member('T21', 'M42'))).toEqual({ scope: 'member', taskId: 'T21', subjectId: 'M42' });
    expect(parseInstanceKey(InstanceKeys.weekly('T05', 'B3', '2009-03-16'))).toEqual({
      scope: 'branch_recurring_weekly',
      taskId: 'T05',
      subjectId: 'B3',
      weekOf: '2009-03-16',
    });
    expect(parseInstanceKey('T05:week:B3:not-a-date')).toBeNull();
    expect(parseInstanceKey('T05:team:B3')).toBeNull();
    expect(parseInstanceKey('T05::B3')).toBeNull();
  });
});
