import { foldEvents, organisationDecider, type OrganisationEvent } from '@campaign-ledger/domain';
import type { RosterFileRow, RosterTable } from './roster-file.parser';
import { parseLeaderFlag, parseRosterDate, planRosterImport } from './roster-import.plan';

const TODAY = '2009-03-16';
const unit: OrganisationEvent[] = [
  { type: 'UnitRegistered', data: { unitId: 'U1', name: '机关', code: 'JG' } },
  { type: 'BranchAdded', data: { unitId: 'U1', branchId: 'B1', name: '第一支部', secretaryName: '张书记' } },
  { type: 'MemberJoined', data: { unitId: 'U1', memberId: 'M0', name: '老党员', branchId: 'B1', isLeader: false, joinedOn: '2008-01-01' } },
];
const state = foldEvents(organisationDecider, unit);
const table = (...rows: Partial<RosterFileRow['values']>[]): RosterTable => ({
  format: 'csv',
  columns: ['branchId', 'branchName', 'secretaryName', 'memberId', 'name', 'isLeader', 'joinedOn'],
  ignoredColumns: [],
  rows: rows.map((values, i) => ({ row: i + 2, values })),
});

describe('roster import plan', () => {
  it('creates missing branches and members, in file order, defaulting the join date to today', () => {
    const plan = planRosterImport(
      state,
      table(
        { branchId: 'B2', branchName: '第二支部', secretaryName: '李书记', memberId: 'M1', name: '王一', isLeader: '是', joinedOn: '2009/3/1' },
        { branchId: 'B2', memberId: 'M2', name: '王二' },
        { branchId: 'B1', branchName: '第一支部', memberId: 'M0', name: '老党员' },
      ),
      TODAY,
    );
    expect(plan.report).toMatchObject({ rows: 3, accepted: 3, unchanged: 1, refused: [], branchesCreated: ['B2'], membersJoined: ['M1', 'M2'], events: 3 });
    expect(plan.events).toEqual([
      { type: 'BranchAdded', data: { unitId: 'U1', branchId: 'B2', name: '第二支部', secretaryName: '李书记' } },
      { type: 'MemberJoined', data: { unitId: 'U1', memberId: 'M1', name: '王一', branchId: 'B2', isLeader: true, joinedOn: '2009-03-01' } },
      { type: 'MemberJoined', data: { unitId: 'U1', memberId: 'M2', name: '王二', branchId: 'B2', isLeader: false, joinedOn: TODAY } },
    ]);
  });

  it('refuses every bad row, names row and field, and then plans no event at all', () => {
    const plan = planRosterImport(
      state,
      table(
        { branchId: 'B1', memberId: 'M1', name: '好行' },
        { branchId: 'B1', memberId: 'M1', name: '重复' },
        { branchId: 'B9', memberId: 'M3', name: '无支部' },
        { branchId: 'B1', memberId: 'M4', name: '', isLeader: '也许', joinedOn: '2009-02-30' },
        { branchId: '_unit', branchName: 'x', secretaryName: 'y', memberId: 'M5', name: '保留' },
        { branchId: 'B1', branchName: '别的名字', memberId: 'M6', name: '改名' },
        { branchId: 'B2', memberId: 'M0', name: '老党员' },
        { branchId: 'a:b', memberId: 'M7', name: '坏编号' },
      ),
      TODAY,
    );
    expect(plan.events).toEqual([]);
    expect(plan.report.events).toBe(0);
    expect(plan.report.accepted).toBe(1);
    const fields = plan.report.refused.map((r) => [r.row, r.field]);
    expect(fields).toEqual([
      [3, 'memberId'],
      [4, 'branchName'],
      [5, 'name'],
      [5, 'isLeader'],
      [5, 'joinedOn'],
      [6, 'branchId'],
      [7, 'branchName'],
      [8, 'branchName'],
      [9, 'branchId'],
    ]);
    expect(plan.report.refused[0].reason).toMatch(/already appears on row 2/);
  });

  it('refuses a member already on the roll under another name or branch, and one who left', () => {
    const left = foldEvents(organisationDecider, [
      ...unit,
      { type: 'BranchAdded', data: { unitId: 'U1', branchId: 'B2', name: '第二支部', secretaryName: '李' } },
      { type: 'MemberLeft', data: { unitId: 'U1', memberId: 'M0', branchId: 'B1', on: '2009-01-01', reason: '调离' } },
    ]);
    expect(planRosterImport(left, table({ branchId: 'B1', memberId: 'M0', name: '老党员' }), TODAY).report.refused[0].reason).toMatch(/left the unit/);
    expect(planRosterImport(state, table({ branchId: 'B1', memberId: 'M0', name: '新名字' }), TODAY).report.refused[0]).toMatchObject({
      row: 2,
      field: 'name',
    });
  });

  it('refuses an unregistered unit as a whole', () => {
    expect(() => planRosterImport(organisationDecider.initialState(), table({ branchId: 'B1', memberId: 'M1', name: 'x' }), TODAY)).toThrow(
      expect.objectContaining({ code: 'UNIT.NOT_REGISTERED' }),
    );
  });

  it('reads leader flags and dates the way people type them', () => {
    expect(['是', 'TRUE', '1', 'yes'].map(parseLeaderFlag)).toEqual([true, true, true, true]);
    expect(['否', 'false', '0', '', 'No'].map(parseLeaderFlag)).toEqual([false, false, false, false, false]);
    expect(parseLeaderFlag('maybe')).toBeNull();
    expect(parseRosterDate('2009-03-16')).toBe('2009-03-16');
    expect(parseRosterDate('2009/3/6')).toBe('2009-03-06');
    expect(parseRosterDate('2009年3月16日')).toBe('2009-03-16');
    expect(parseRosterDate('2009-02-29')).toBeNull();
    expect(parseRosterDate('16/03/2009')).toBeNull();
  });
});
