import type { IsoDate } from '../shared/dates';

export type RegisterUnit = { type: 'RegisterUnit'; data: { unitId: string; name: string; code: string } };
export type AddDivision = { type: 'AddDivision'; data: { divisionId: string; name: string } };
export type AddBranch = { type: 'AddBranch'; data: { branchId: string; name: string; secretaryName: string } };
export type RenameBranch = { type: 'RenameBranch'; data: { branchId: string; name: string } };
export type ChangeBranchSecretary = { type: 'ChangeBranchSecretary'; data: { branchId: string; secretaryName: string } };
export type JoinMember = {
  type: 'JoinMember';
  data: { memberId: string; name: string; branchId: string; isLeader?: boolean; joinedOn: IsoDate };
};
export type TransferMember = { type: 'TransferMember'; data: { memberId: string; toBranchId: string; on: IsoDate; reason?: string | null } };
export type ExemptMember = { type: 'ExemptMember'; data: { memberId: string; reason: string; from: IsoDate; until?: IsoDate | null } };
export type ReinstateMember = { type: 'ReinstateMember'; data: { memberId: string; on: IsoDate; note?: string | null } };
export type RecordMemberLeft = { type: 'RecordMemberLeft'; data: { memberId: string; on: IsoDate; reason: string } };

export type OrganisationCommand =
  | RegisterUnit
  | AddDivision
  | AddBranch
  | RenameBranch
  | ChangeBranchSecretary
  | JoinMember
  | TransferMember
  | ExemptMember
  | ReinstateMember
  | RecordMemberLeft;
