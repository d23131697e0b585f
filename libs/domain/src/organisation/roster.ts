// The roster a branch-work decision needs: who is in the branch (and exempt or not) on one date.
import type { IsoDate } from '../shared/dates';
import { UNIT_LEVEL_BRANCH_ID } from '../shared/ids';
import { BranchNotFound, UnitNotRegistered } from './organisation.errors';
import { memberOnDate, type MemberRecord, type OrganisationState } from './organisation.state';

export interface RosterMember {
  readonly memberId: string;
  readonly name: string;
  readonly isLeader: boolean;
  readonly status: 'active' | 'exempt';
}

export interface Roster {
  readonly branchId: string;
  readonly asOf: IsoDate;
  /** Members in the branch on `asOf` (members who left or moved out are not listed). */
  readonly members: readonly RosterMember[];
  /** The unit's divisions: division-scope work is unit-level. */
  readonly divisions: readonly { readonly divisionId: string; readonly name: string }[];
}

export function rosterOn(state: OrganisationState, branchId: string, asOf: IsoDate): Roster {
  if (state.status !== 'registered') throw UnitNotRegistered.yet();
  if (branchId !== UNIT_LEVEL_BRANCH_ID && !state.branches[branchId]) throw BranchNotFound.withId(branchId);
  const members: RosterMember[] = [];
  for (const member of membersEverIn(state, branchId)) {
    const on = memberOnDate(member, asOf);
    if (!on || on.branchId !== branchId || on.status === 'left') continue;
    members.push({ memberId: member.memberId, name: member.name, isLeader: member.isLeader, status: on.status });
  }
  members.sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  return { branchId, asOf, members, divisions: Object.values(state.divisions).map(({ divisionId, name }) => ({ divisionId, name })) };
}

// Which members were ever in each branch, per (immutable) organisation state: a roster then looks at its own
// branch's people instead of every member of the unit (5,000 branches × 100,000 members otherwise).
const everIn = new WeakMap<OrganisationState, Map<string, MemberRecord[]>>();

function membersEverIn(state: OrganisationState & { status: 'registered' }, branchId: string): readonly MemberRecord[] {
  let index = everIn.get(state);
  if (!index) {
    index = new Map();
    for (const member of Object.values(state.members)) {
      const branches = new Set(member.branchHistory.map((period) => period.branchId));
      for (const id of branches) {
        const list = index.get(id);
        if (list) list.push(member);
        else index.set(id, [member]);
      }
    }
    everIn.set(state, index);
  }
  return index.get(branchId) ?? [];
}
