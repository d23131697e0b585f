import { DeciderSpecification } from '../testing';
import { organisationDecider } from '../organisation/organisation.decider';
import { UnitNotRegistered } from '../organisation/organisation.errors';

const spec = DeciderSpecification.for(organisationDecider);
const registered = { type: 'UnitRegistered' as const, data: { unitId: 'U1', name: '市政协机关', code: 'WHZX' } };

describe('DeciderSpecification', () => {
  it('passes when the events match and fails when they differ', () => {
    spec
      .given([])
      .when({ type: 'RegisterUnit', data: { unitId: 'U1', name: '市政协机关', code: 'WHZX' } })
      .then([registered]);
    expect(() =>
      spec
        .given([])
        .when({ type: 'RegisterUnit', data: { unitId: 'U1', name: '市政协机关', code: 'WHZX' } })
        .then([]),
    ).toThrow(/Expected events/);
  });

  it('matches a refusal by class or by code, and fails when nothing is refused', () => {
    const cmd = { type: 'AddDivision' as const, data: { divisionId: 'D1', name: '秘书处' } };
    spec.given([]).when(cmd).thenThrows(UnitNotRegistered);
    spec
      .given([])
      .when(cmd)
      .thenThrows('UNIT.NOT_REGISTERED', (e) => expect(e.kind).toBe('not_found'));
    expect(() => spec.given([registered]).when(cmd).thenThrows(UnitNotRegistered)).toThrow(/Expected the command to be refused/);
    expect(() => spec.given([]).when(cmd).thenThrows('OTHER.CODE')).toThrow(/Expected OTHER.CODE but got UNIT.NOT_REGISTERED/);
  });

  it('checks that nothing happened', () => {
    spec
      .given([registered, { type: 'BranchAdded', data: { unitId: 'U1', branchId: 'B1', name: '第一支部', secretaryName: '王' } }])
      .when({ type: 'RenameBranch', data: { branchId: 'B1', name: '第一支部' } })
      .thenNothingHappened();
  });
});
