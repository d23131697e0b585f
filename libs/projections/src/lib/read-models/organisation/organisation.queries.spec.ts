import { organisationEvents } from '../../../testing/recorded-events';
import { sourceOf } from '../../../testing/given-events';
import { branchRoster, unitLevelBranch } from './organisation.queries';

describe('organisation queries', () => {
  const source = sourceOf([
    ...organisationEvents(),
    { type: 'MemberExempted', data: { unitId: 'U1', memberId: 'M2', branchId: 'B1', reason: 'ill', from: '2009-03-21', until: null } },
    { type: 'MemberLeft', data: { unitId: 'U1', memberId: 'M3', branchId: 'B1', on: '2009-03-25', reason: 'retired' } },
  ]);

  it('branchRoster lists the members still in the branch by id, and the divisions only when asked', async () => {
    expect(await branchRoster(source, 'U1', 'B1', { asOf: '2009-03-26', withDivisions: true })).toEqual({
      branchId: 'B1',
      asOf: '2009-03-26',
      members: [
        { memberId: 'M1', name: 'Wang', isLeader: true, status: 'active' },
        { memberId: 'M2', name: 'Li', isLeader: false, status: 'exempt' },
      ],
      divisions: [
        { divisionId: 'D1', name: 'Secretariat' },
        { divisionId: 'D2', name: 'Personnel' },
      ],
    });
    expect((await branchRoster(source, 'U1', 'B1', { asOf: '2009-03-26', withDivisions: false })).divisions).toEqual([]);
    expect((await branchRoster(source, 'U1', '_unit', { asOf: '2009-03-26', withDivisions: false })).members).toEqual([]);
  });

  it('unitLevelBranch names the unit level as a branch', () => {
    expect(unitLevelBranch('U1')).toEqual({ unit_id: 'U1', branch_id: '_unit', name: '机关（单位层面）', secretary_name: '' });
  });
});
