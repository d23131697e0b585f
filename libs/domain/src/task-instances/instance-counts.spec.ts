import { campaignOf, member, planned2009, plannedSmall, roster, unitRoster } from '../testing/fixtures';
import type { Roster } from '../organisation/roster';
import { expandInstances, type InstancePlan } from './expand-instances';
import { countInstances, type BranchHeadcount } from './instance-counts';
import { InstanceKeys, memberInstanceKey, memberOfInstanceKey } from './instance-key';

const members = [member('M1', { isLeader: true }), member('M2'), member('M3', { status: 'exempt' }), member('M4', { isLeader: true, status: 'exempt' })];

const headcountOf = (r: Roster): BranchHeadcount => {
  const active = r.members.filter((m) => m.status === 'active');
  return { activeMembers: active.length, activeLeaders: active.filter((m) => m.isLeader).length, divisions: r.divisions.length };
};

/** Per task: instances grouped by (week, due date) as expandInstances lists them. */
function listed(plan: InstancePlan, r: Roster, branchId: string, taskId: string): { weekOf: string | null; dueDate: string; count: number }[] {
  const groups = new Map<string, { weekOf: string | null; dueDate: string; count: number }>();
  for (const i of expandInstances(plan, r, branchId, { taskId, includeCancelled: true })) {
    const key = `${i.weekOf}|${i.dueDate}`;
    const group = groups.get(key) ?? { weekOf: i.weekOf, dueDate: i.dueDate, count: 0 };
    group.count += 1;
    groups.set(key, group);
  }
  return [...groups.values()];
}

describe('countInstances', () => {
  const cases: [string, InstancePlan, Roster, string][] = [
    ['a real branch of the 2009 plan', campaignOf(planned2009()), roster('B3', members), 'B3'],
    ['the unit level of the 2009 plan', campaignOf(planned2009()), unitRoster(), '_unit'],
    ['a real office branch', campaignOf(planned2009('C1', 'B1')), roster('B1', members), 'B1'],
    ['a stage-less plan with weekly work', campaignOf(plannedSmall()), roster('B1', members), 'B1'],
  ];

  it.each(cases)('counts what expandInstances lists, per due date, for every task of %s', (_name, plan, r, branchId) => {
    for (const task of plan.tasks) {
      const counted = countInstances(plan, task, branchId, headcountOf(r)).filter((g) => g.count > 0);
      expect(counted).toEqual(listed(plan, r, branchId, task.taskId));
    }
  });

  it('keeps a group of 0 where the work applies but nobody does it yet, and none where it does not apply', () => {
    const plan = campaignOf(planned2009());
    const [memberTask] = plan.tasks.filter((t) => t.scope === 'member');
    const [unitTask] = plan.tasks.filter((t) => t.scope === 'unit');
    const nobody = { activeMembers: 0, activeLeaders: 0, divisions: 0 };
    expect(countInstances(plan, memberTask, 'B9', nobody)).toEqual([{ weekOf: null, dueDate: memberTask.dueDate, count: 0 }]);
    expect(countInstances(plan, memberTask, '_unit', nobody)).toEqual([]);
    expect(countInstances(plan, unitTask, 'B9', nobody)).toEqual([]);
    expect(countInstances(plan, unitTask, '_unit', nobody)).toEqual([{ weekOf: null, dueDate: unitTask.dueDate, count: 1 }]);
  });
});

describe('member instance keys', () => {
  it('name the instance a member is the subject of, and the member of a key', () => {
    expect(memberInstanceKey({ taskId: 'T07', scope: 'member' }, { memberId: 'M42', isLeader: false })).toBe(InstanceKeys.member('T07', 'M42'));
    expect(memberInstanceKey({ taskId: 'T10', scope: 'leader' }, { memberId: 'M01', isLeader: true })).toBe(InstanceKeys.leader('T10', 'M01'));
    expect(memberInstanceKey({ taskId: 'T10', scope: 'leader' }, { memberId: 'M02', isLeader: false })).toBeNull();
    expect(memberInstanceKey({ taskId: 'T05', scope: 'branch' }, { memberId: 'M01', isLeader: true })).toBeNull();
    expect(memberOfInstanceKey('T07:member:M42')).toBe('M42');
    expect(memberOfInstanceKey('T10:leader:M01')).toBe('M01');
    expect(memberOfInstanceKey('T05:branch:B3')).toBeNull();
    expect(memberOfInstanceKey('T06:week:B3:2009-03-16')).toBeNull();
    expect(memberOfInstanceKey('T07:member')).toBeNull();
  });
});
