import { isAfter, type IsoDate } from '../shared/dates';

export type MemberStatus = 'active' | 'exempt' | 'left';

export interface BranchRecord {
  readonly branchId: string;
  readonly name: string;
  readonly secretaryName: string;
}

export interface DivisionRecord {
  readonly divisionId: string;
  readonly name: string;
}

export interface BranchPeriod {
  readonly from: IsoDate;
  readonly branchId: string;
}

export interface StatusPeriod {
  readonly from: IsoDate;
  readonly status: MemberStatus;
  /** Last exempt day for a time-boxed exemption; the member is active again the day after. */
  readonly until: IsoDate | null;
  readonly reason: string | null;
}

export interface MemberRecord {
  readonly memberId: string;
  readonly name: string;
  readonly isLeader: boolean;
  readonly joinedOn: IsoDate;
  /** Ordered by `from`; the first entry is the branch joined. */
  readonly branchHistory: readonly BranchPeriod[];
  /** Ordered by `from`; the first entry is `active` on the join date. */
  readonly statusHistory: readonly StatusPeriod[];
  readonly lastChangeOn: IsoDate;
}

export type OrganisationState =
  | { readonly status: 'unregistered' }
  | {
      readonly status: 'registered';
      readonly unitId: string;
      readonly name: string;
      readonly code: string;
      readonly divisions: Readonly<Record<string, DivisionRecord>>;
      readonly branches: Readonly<Record<string, BranchRecord>>;
      readonly members: Readonly<Record<string, MemberRecord>>;
    };

export type RegisteredOrganisation = Extract<OrganisationState, { status: 'registered' }>;

export const initialOrganisationState = (): OrganisationState => ({ status: 'unregistered' });

/** Where a member stands on a date: null before joining. */
export interface MemberOnDate {
  readonly memberId: string;
  readonly branchId: string;
  readonly status: MemberStatus;
}

function lastFrom<T extends { from: IsoDate }>(periods: readonly T[], date: IsoDate): T | undefined {
  for (let i = periods.length - 1; i >= 0; i -= 1) if (!isAfter(periods[i].from, date)) return periods[i];
  return undefined;
}

export function memberOnDate(member: MemberRecord, date: IsoDate): MemberOnDate | null {
  const branch = lastFrom(member.branchHistory, date);
  const period = lastFrom(member.statusHistory, date);
  if (!branch || !period) return null;
  const status: MemberStatus = period.status === 'exempt' && period.until !== null && isAfter(date, period.until) ? 'active' : period.status;
  return { memberId: member.memberId, branchId: branch.branchId, status };
}

export const currentBranchOf = (member: MemberRecord): string => member.branchHistory[member.branchHistory.length - 1].branchId;
export const latestStatusOf = (member: MemberRecord): StatusPeriod => member.statusHistory[member.statusHistory.length - 1];

/** "Is member M active / exempt on date D, and in which branch?" */
export function memberStatusOn(state: OrganisationState, memberId: string, date: IsoDate): MemberOnDate | null {
  if (state.status !== 'registered') return null;
  const member = state.members[memberId];
  return member ? memberOnDate(member, date) : null;
}
