import type { IsoDate } from '../shared/dates';

export const OrganisationEventTypes = {
  UnitRegistered: 'UnitRegistered',
  DivisionAdded: 'DivisionAdded',
  BranchAdded: 'BranchAdded',
  BranchRenamed: 'BranchRenamed',
  BranchSecretaryChanged: 'BranchSecretaryChanged',
  MemberJoined: 'MemberJoined',
  MemberTransferred: 'MemberTransferred',
  MemberExempted: 'MemberExempted',
  MemberReinstated: 'MemberReinstated',
  MemberLeft: 'MemberLeft',
} as const;

export type UnitRegistered = { type: 'UnitRegistered'; data: { unitId: string; name: string; code: string } };
export type DivisionAdded = { type: 'DivisionAdded'; data: { unitId: string; divisionId: string; name: string } };
export type BranchAdded = { type: 'BranchAdded'; data: { unitId: string; branchId: string; name: string; secretaryName: string } };
export type BranchRenamed = { type: 'BranchRenamed'; data: { unitId: string; branchId: string; previousName: string; name: string } };
export type BranchSecretaryChanged = {
  type: 'BranchSecretaryChanged';
  data: { unitId: string; branchId: string; previousSecretaryName: string; secretaryName: string };
};
export type MemberJoined = {
  type: 'MemberJoined';
  data: { unitId: string; memberId: string; name: string; branchId: string; isLeader: boolean; joinedOn: IsoDate };
};
export type MemberTransferred = {
  type: 'MemberTransferred';
  data: { unitId: string; memberId: string; fromBranchId: string; toBranchId: string; on: IsoDate; reason: string | null };
};
export type MemberExempted = {
  type: 'MemberExempted';
  data: { unitId: string; memberId: string; branchId: string; reason: string; from: IsoDate; until: IsoDate | null };
};
export type MemberReinstated = { type: 'MemberReinstated'; data: { unitId: string; memberId: string; branchId: string; on: IsoDate; note: string | null } };
export type MemberLeft = { type: 'MemberLeft'; data: { unitId: string; memberId: string; branchId: string; on: IsoDate; reason: string } };

export type OrganisationEvent =
  | UnitRegistered
  | DivisionAdded
  | BranchAdded
  | BranchRenamed
  | BranchSecretaryChanged
  | MemberJoined
  | MemberTransferred
  | MemberExempted
  | MemberReinstated
  | MemberLeft;
