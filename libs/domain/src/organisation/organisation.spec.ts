import { DeciderSpecification } from '../testing';
import { foldEvents } from '../shared/decider';
import type { OrganisationEvent } from './organisation.events';
import { organisationDecider } from './organisation.decider';
import {
  BranchAlreadyExists,
  BranchNotFound,
  DivisionAlreadyExists,
  MemberAlreadyExempt,
  MemberAlreadyExists,
  MemberChangeOutOfOrder,
  MemberHasLeft,
  MemberNotExempt,
  MemberNotFound,
  ReservedBranchId,
  SameBranchTransfer,
  UnitAlreadyRegistered,
  UnitNotRegistered,
} from './organisation.errors';
import { memberStatusOn } from './organisation.state';
import { rosterOn } from './roster';

const spec = DeciderSpecification.for(organisationDecider);
const U = 'U1';
const registered: OrganisationEvent = { type: 'UnitRegistered', data: { unitId: U, name: '市政协机关', code: 'WHZX' } };
const b1: OrganisationEvent = { type: 'BranchAdded', data: { unitId: U, branchId: 'B1', name: '第一支部', secretaryName: '王书记' } };
const b2: OrganisationEvent = { type: 'BranchAdded', data: { unitId: U, branchId: 'B2', name: '第二支部', secretaryName: '李书记' } };
const d1: OrganisationEvent = { type: 'DivisionAdded', data: { unitId: U, divisionId: 'D1', name: '秘书处' } };
const m1: OrganisationEvent = {
  type: 'MemberJoined',
  data: { unitId: U, memberId: 'M1', name: '张三', branchId: 'B1', isLeader: true, joinedOn: '2009-01-05' },
};
const m2: OrganisationEvent = {
  type: 'MemberJoined',
  data: { unitId: U, memberId: 'M2', name: '李四', branchId: 'B1', isLeader: false, joinedOn: '2009-01-05' },
};
const base = [registered, b1, b2, d1, m1, m2];
const exempted: OrganisationEvent = {
  type: 'MemberExempted',
  data: { unitId: U, memberId: 'M2', branchId: 'B1', reason: '长期病休', from: '2009-04-01', until: null },
};

describe('organisation: registering the unit', () => {
  it('registers a unit', () =>
    spec
      .given([])
      .when({ type: 'RegisterUnit', data: { unitId: U, name: '市政协机关', code: 'WHZX' } })
      .then([registered]));
  it('refuses to register twice', () =>
    spec
      .given([registered])
      .when({ type: 'RegisterUnit', data: { unitId: U, name: 'x', code: 'y' } })
      .thenThrows(UnitAlreadyRegistered));
  it('refuses a unit without a name', () =>
    spec
      .given([])
      .when({ type: 'RegisterUnit', data: { unitId: U, name: ' ', code: 'y' } })
      .thenThrows('COMMAND.INVALID', (e) => expect(e.details['path']).toBe('name')));
  it('refuses any other change before registration', () =>
    spec
      .given([])
      .when({ type: 'AddBranch', data: { branchId: 'B1', name: 'x', secretaryName: 'y' } })
      .thenThrows(UnitNotRegistered));
});

describe('organisation: divisions and branches', () => {
  it('adds a division', () =>
    spec
      .given([registered])
      .when({ type: 'AddDivision', data: { divisionId: 'D1', name: '秘书处' } })
      .then([d1]));
  it('refuses a duplicate division', () =>
    spec
      .given([registered, d1])
      .when({ type: 'AddDivision', data: { divisionId: 'D1', name: 'x' } })
      .thenThrows(DivisionAlreadyExists));
  it('adds a branch', () =>
    spec
      .given([registered])
      .when({ type: 'AddBranch', data: { branchId: 'B1', name: '第一支部', secretaryName: '王书记' } })
      .then([b1]));
  it('refuses a duplicate branch id (conflict)', () =>
    spec
      .given([registered, b1])
      .when({ type: 'AddBranch', data: { branchId: 'B1', name: 'x', secretaryName: 'y' } })
      .thenThrows(BranchAlreadyExists, (e) => expect(e.kind).toBe('conflict')));
  it('refuses the reserved unit-level branch id', () =>
    spec
      .given([registered])
      .when({ type: 'AddBranch', data: { branchId: '_unit', name: 'x', secretaryName: 'y' } })
      .thenThrows(ReservedBranchId));
  it('renames a branch, and does nothing when the name is unchanged', () => {
    spec
      .given(base)
      .when({ type: 'RenameBranch', data: { branchId: 'B1', name: '机关第一支部' } })
      .then([{ type: 'BranchRenamed', data: { unitId: U, branchId: 'B1', previousName: '第一支部', name: '机关第一支部' } }]);
    spec
      .given(base)
      .when({ type: 'RenameBranch', data: { branchId: 'B1', name: '第一支部' } })
      .thenNothingHappened();
  });
  it('refuses to rename an unknown branch (not found)', () =>
    spec
      .given(base)
      .when({ type: 'RenameBranch', data: { branchId: 'B9', name: 'x' } })
      .thenThrows(BranchNotFound, (e) => expect(e.kind).toBe('not_found')));
  it('changes the secretary', () =>
    spec
      .given(base)
      .when({ type: 'ChangeBranchSecretary', data: { branchId: 'B2', secretaryName: '赵书记' } })
      .then([{ type: 'BranchSecretaryChanged', data: { unitId: U, branchId: 'B2', previousSecretaryName: '李书记', secretaryName: '赵书记' } }]));
  it('refuses a secretary change for an unknown branch', () =>
    spec
      .given(base)
      .when({ type: 'ChangeBranchSecretary', data: { branchId: 'B9', secretaryName: 'x' } })
      .thenThrows(BranchNotFound));
});

describe('organisation: members', () => {
  it('lets a member join a branch, not a leader unless flagged', () => {
    spec
      .given([registered, b1])
      .when({ type: 'JoinMember', data: { memberId: 'M2', name: '李四', branchId: 'B1', joinedOn: '2009-01-05' } })
      .then([m2]);
    spec
      .given([registered, b1])
      .when({ type: 'JoinMember', data: { memberId: 'M1', name: '张三', branchId: 'B1', isLeader: true, joinedOn: '2009-01-05' } })
      .then([m1]);
  });
  it('refuses joining an unknown branch', () =>
    spec
      .given([registered])
      .when({ type: 'JoinMember', data: { memberId: 'M1', name: 'x', branchId: 'B9', joinedOn: '2009-01-05' } })
      .thenThrows(BranchNotFound));
  it('refuses a duplicate member id', () =>
    spec
      .given(base)
      .when({ type: 'JoinMember', data: { memberId: 'M1', name: 'x', branchId: 'B2', joinedOn: '2009-01-05' } })
      .thenThrows(MemberAlreadyExists));
  it('refuses a bad join date', () =>
    spec
      .given(base)
      .when({ type: 'JoinMember', data: { memberId: 'M3', name: 'x', branchId: 'B2', joinedOn: '2009-13-01' } })
      .thenThrows('COMMAND.INVALID'));

  it('transfers a member to another branch', () =>
    spec
      .given(base)
      .when({ type: 'TransferMember', data: { memberId: 'M2', toBranchId: 'B2', on: '2009-05-01' } })
      .then([{ type: 'MemberTransferred', data: { unitId: U, memberId: 'M2', fromBranchId: 'B1', toBranchId: 'B2', on: '2009-05-01', reason: null } }]));
  it('refuses a transfer to the same branch (validation)', () =>
    spec
      .given(base)
      .when({ type: 'TransferMember', data: { memberId: 'M2', toBranchId: 'B1', on: '2009-05-01' } })
      .thenThrows(SameBranchTransfer, (e) => expect(e.kind).toBe('validation')));
  it('refuses a transfer to an unknown branch, or of an unknown member', () => {
    spec
      .given(base)
      .when({ type: 'TransferMember', data: { memberId: 'M2', toBranchId: 'B9', on: '2009-05-01' } })
      .thenThrows(BranchNotFound);
    spec
      .given(base)
      .when({ type: 'TransferMember', data: { memberId: 'M9', toBranchId: 'B2', on: '2009-05-01' } })
      .thenThrows(MemberNotFound);
  });
  it('refuses a change dated before the last recorded one', () =>
    spec
      .given([...base, exempted])
      .when({ type: 'TransferMember', data: { memberId: 'M2', toBranchId: 'B2', on: '2009-03-01' } })
      .thenThrows(MemberChangeOutOfOrder));

  it('exempts a member, open-ended or until a date', () => {
    spec
      .given(base)
      .when({ type: 'ExemptMember', data: { memberId: 'M2', reason: '长期病休', from: '2009-04-01' } })
      .then([exempted]);
    spec
      .given(base)
      .when({ type: 'ExemptMember', data: { memberId: 'M2', reason: '出国', from: '2009-04-01', until: '2009-05-31' } })
      .then([{ type: 'MemberExempted', data: { unitId: U, memberId: 'M2', branchId: 'B1', reason: '出国', from: '2009-04-01', until: '2009-05-31' } }]);
  });
  it('refuses exempting an exempt member (conflict)', () =>
    spec
      .given([...base, exempted])
      .when({ type: 'ExemptMember', data: { memberId: 'M2', reason: 'x', from: '2009-04-10' } })
      .thenThrows(MemberAlreadyExempt, (e) => expect(e.kind).toBe('conflict')));
  it('refuses an exemption without a reason or ending before it starts', () => {
    spec
      .given(base)
      .when({ type: 'ExemptMember', data: { memberId: 'M2', reason: '', from: '2009-04-01' } })
      .thenThrows('COMMAND.INVALID');
    spec
      .given(base)
      .when({ type: 'ExemptMember', data: { memberId: 'M2', reason: 'x', from: '2009-04-01', until: '2009-03-01' } })
      .thenThrows('COMMAND.INVALID');
  });
  it('allows a new exemption once a time-boxed one has ended', () => {
    const boxed: OrganisationEvent = {
      type: 'MemberExempted',
      data: { unitId: U, memberId: 'M2', branchId: 'B1', reason: '出国', from: '2009-04-01', until: '2009-04-30' },
    };
    spec
      .given([...base, boxed])
      .when({ type: 'ExemptMember', data: { memberId: 'M2', reason: '病休', from: '2009-06-01' } })
      .then([{ type: 'MemberExempted', data: { unitId: U, memberId: 'M2', branchId: 'B1', reason: '病休', from: '2009-06-01', until: null } }]);
  });

  it('reinstates an exempt member', () =>
    spec
      .given([...base, exempted])
      .when({ type: 'ReinstateMember', data: { memberId: 'M2', on: '2009-06-01' } })
      .then([{ type: 'MemberReinstated', data: { unitId: U, memberId: 'M2', branchId: 'B1', on: '2009-06-01', note: null } }]));
  it('refuses reinstating a member who is not exempt', () =>
    spec
      .given(base)
      .when({ type: 'ReinstateMember', data: { memberId: 'M2', on: '2009-06-01' } })
      .thenThrows(MemberNotExempt));

  it('records a member leaving, after which nothing more changes', () => {
    const left: OrganisationEvent = { type: 'MemberLeft', data: { unitId: U, memberId: 'M2', branchId: 'B1', on: '2009-07-01', reason: '调离' } };
    spec
      .given(base)
      .when({ type: 'RecordMemberLeft', data: { memberId: 'M2', on: '2009-07-01', reason: '调离' } })
      .then([left]);
    spec
      .given([...base, left])
      .when({ type: 'RecordMemberLeft', data: { memberId: 'M2', on: '2009-07-02', reason: 'x' } })
      .thenThrows(MemberHasLeft);
    spec
      .given([...base, left])
      .when({ type: 'TransferMember', data: { memberId: 'M2', toBranchId: 'B2', on: '2009-07-02' } })
      .thenThrows(MemberHasLeft);
    spec
      .given([...base, left])
      .when({ type: 'ExemptMember', data: { memberId: 'M2', reason: 'x', from: '2009-07-02' } })
      .thenThrows(MemberHasLeft);
  });
});

describe('organisation: who is where, and active or exempt, on a date', () => {
  const history: OrganisationEvent[] = [
    ...base,
    { type: 'MemberExempted', data: { unitId: U, memberId: 'M2', branchId: 'B1', reason: '出国', from: '2009-04-01', until: '2009-04-30' } },
    { type: 'MemberTransferred', data: { unitId: U, memberId: 'M2', fromBranchId: 'B1', toBranchId: 'B2', on: '2009-05-10', reason: '岗位调整' } },
    { type: 'MemberExempted', data: { unitId: U, memberId: 'M1', branchId: 'B1', reason: '病休', from: '2009-06-01', until: null } },
    { type: 'MemberReinstated', data: { unitId: U, memberId: 'M1', branchId: 'B1', on: '2009-07-01', note: null } },
    { type: 'MemberLeft', data: { unitId: U, memberId: 'M1', branchId: 'B1', on: '2009-08-01', reason: '退休' } },
  ];
  const state = foldEvents(organisationDecider, history);

  it('answers status and branch per date', () => {
    expect(memberStatusOn(state, 'M2', '2009-01-01')).toBeNull();
    expect(memberStatusOn(state, 'M2', '2009-04-15')).toEqual({ memberId: 'M2', branchId: 'B1', status: 'exempt' });
    expect(memberStatusOn(state, 'M2', '2009-05-01')).toEqual({ memberId: 'M2', branchId: 'B1', status: 'active' });
    expect(memberStatusOn(state, 'M2', '2009-05-10')).toEqual({ memberId: 'M2', branchId: 'B2', status: 'active' });
    expect(memberStatusOn(state, 'M1', '2009-06-15')?.status).toBe('exempt');
    expect(memberStatusOn(state, 'M1', '2009-07-15')?.status).toBe('active');
    expect(memberStatusOn(state, 'M1', '2009-08-01')?.status).toBe('left');
  });

  it('builds a branch roster for a date', () => {
    expect(rosterOn(state, 'B1', '2009-04-15').members).toEqual([
      { memberId: 'M1', name: '张三', isLeader: true, status: 'active' },
      { memberId: 'M2', name: '李四', isLeader: false, status: 'exempt' },
    ]);
    expect(rosterOn(state, 'B1', '2009-06-15').members).toEqual([{ memberId: 'M1', name: '张三', isLeader: true, status: 'exempt' }]);
    expect(rosterOn(state, 'B2', '2009-06-15').members.map((m) => m.memberId)).toEqual(['M2']);
    expect(rosterOn(state, 'B1', '2009-08-15').members).toEqual([]);
    expect(rosterOn(state, '_unit', '2009-08-15').divisions).toEqual([{ divisionId: 'D1', name: '秘书处' }]);
    expect(() => rosterOn(state, 'B9', '2009-08-15')).toThrow(expect.objectContaining({ code: BranchNotFound.code }));
  });
});
