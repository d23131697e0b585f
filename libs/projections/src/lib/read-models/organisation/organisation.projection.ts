// The organisation read model: units, divisions, branches and members as the organisation streams leave them.
import type { Rows } from '../../rows/row-set';
import type { ProjectedEvent } from '../projected-event';
import type { MemberRow } from './organisation.tables';

/** What an event changed that other read models follow (the plan counters count divisions, branches and active members). */
export type OrganisationChange =
  | { readonly kind: 'division-added'; readonly unitId: string }
  | { readonly kind: 'branch-added'; readonly unitId: string; readonly branchId: string }
  | { readonly kind: 'member'; readonly before: MemberRow | undefined; readonly after: MemberRow };

export function evolveOrganisation(rows: Rows, event: ProjectedEvent): OrganisationChange | undefined {
  switch (event.type) {
    case 'UnitRegistered':
      rows.put('unit', { unit_id: event.data.unitId, name: event.data.name, code: event.data.code });
      return undefined;
    case 'DivisionAdded': {
      const { unitId, divisionId, name } = event.data;
      if (rows.get('division', { unit_id: unitId, division_id: divisionId })) return undefined;
      rows.put('division', { unit_id: unitId, division_id: divisionId, name });
      return { kind: 'division-added', unitId };
    }
    case 'BranchAdded': {
      const { unitId, branchId, name, secretaryName } = event.data;
      rows.put('branch', { unit_id: unitId, branch_id: branchId, name, secretary_name: secretaryName });
      return { kind: 'branch-added', unitId, branchId };
    }
    case 'BranchRenamed': {
      const branch = rows.get('branch', { unit_id: event.data.unitId, branch_id: event.data.branchId });
      if (branch) rows.put('branch', { ...branch, name: event.data.name });
      return undefined;
    }
    case 'BranchSecretaryChanged': {
      const branch = rows.get('branch', { unit_id: event.data.unitId, branch_id: event.data.branchId });
      if (branch) rows.put('branch', { ...branch, secretary_name: event.data.secretaryName });
      return undefined;
    }
    case 'MemberJoined': {
      const { unitId, memberId, name, branchId, isLeader } = event.data;
      const member: MemberRow = { unit_id: unitId, member_id: memberId, branch_id: branchId, name, is_leader: isLeader, status: 'active', exempt_until: null };
      return putMember(rows, undefined, member);
    }
    case 'MemberTransferred': {
      const member = rows.get('member', { unit_id: event.data.unitId, member_id: event.data.memberId });
      return member && putMember(rows, member, { ...member, branch_id: event.data.toBranchId });
    }
    case 'MemberExempted': {
      const member = rows.get('member', { unit_id: event.data.unitId, member_id: event.data.memberId });
      if (!member || member.status === 'left') return undefined;
      return putMember(rows, member, { ...member, status: 'exempt', exempt_until: event.data.until });
    }
    case 'MemberReinstated': {
      const member = rows.get('member', { unit_id: event.data.unitId, member_id: event.data.memberId });
      if (!member || member.status !== 'exempt') return undefined;
      return putMember(rows, member, { ...member, status: 'active', exempt_until: null });
    }
    case 'MemberLeft': {
      const member = rows.get('member', { unit_id: event.data.unitId, member_id: event.data.memberId });
      if (!member || member.status === 'left') return undefined;
      return putMember(rows, member, { ...member, status: 'left', exempt_until: null });
    }
    default:
      return undefined;
  }
}

function putMember(rows: Rows, before: MemberRow | undefined, after: MemberRow): OrganisationChange {
  rows.put('member', after);
  return { kind: 'member', before, after };
}
