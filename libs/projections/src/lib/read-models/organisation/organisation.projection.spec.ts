import { organisationEvents } from '../../../testing/recorded-events';
import { given, row } from '../../../testing/given-events';

describe('organisation read model: organisation events', () => {
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
});
