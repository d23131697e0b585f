// What GET /api/units/:unitId answers: the folded organisation, members placed and classified as of one date.
import type { MemberView, OrganisationView } from '@campaign-ledger/api-contract';
import { memberOnDate, type IsoDate, type RegisteredOrganisation } from '@campaign-ledger/domain';

// What the route answers is the contract's: declared once, there.
export type { MemberView, OrganisationView };

const byId =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

export function organisationView(state: RegisteredOrganisation, revision: number, asOf: IsoDate): OrganisationView {
  const members: MemberView[] = Object.values(state.members)
    .map((member) => {
      const on = memberOnDate(member, asOf);
      return {
        memberId: member.memberId,
        name: member.name,
        isLeader: member.isLeader,
        joinedOn: member.joinedOn,
        branchId: on?.branchId ?? member.branchHistory[0].branchId,
        status: on?.status ?? 'not_joined_yet',
        lastChangeOn: member.lastChangeOn,
        branchHistory: member.branchHistory,
        statusHistory: member.statusHistory,
      } satisfies MemberView;
    })
    .sort(byId((m) => m.memberId));
  const branches = Object.values(state.branches)
    .map((branch) => ({
      branchId: branch.branchId,
      name: branch.name,
      secretaryName: branch.secretaryName,
      activeMembers: members.filter((m) => m.branchId === branch.branchId && m.status === 'active').length,
      exemptMembers: members.filter((m) => m.branchId === branch.branchId && m.status === 'exempt').length,
    }))
    .sort(byId((b) => b.branchId));
  const divisions = Object.values(state.divisions)
    .map(({ divisionId, name }) => ({ divisionId, name }))
    .sort(byId((d) => d.divisionId));
  return { unitId: state.unitId, name: state.name, code: state.code, revision, asOf, divisions, branches, members };
}
