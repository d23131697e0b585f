// Organisation of one unit (stream `organisation-<unitId>`): divisions, branches, and the members' timeline.
import { assertNever, type Decider } from '../shared/decider';
import { isBefore, isAfter, type IsoDate } from '../shared/dates';
import { InvalidCommand } from '../shared/errors';
import { UNIT_LEVEL_BRANCH_ID } from '../shared/ids';
import { optionalText, requireDate, requireText } from '../shared/validate';
import type { OrganisationCommand } from './organisation.commands';
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
import type { OrganisationEvent } from './organisation.events';
import {
  currentBranchOf,
  initialOrganisationState,
  latestStatusOf,
  memberOnDate,
  type MemberRecord,
  type OrganisationState,
  type RegisteredOrganisation,
} from './organisation.state';

function registered(state: OrganisationState): RegisteredOrganisation {
  if (state.status !== 'registered') throw UnitNotRegistered.yet();
  return state;
}

function branchOf(state: RegisteredOrganisation, branchId: unknown): string {
  const id = requireText(branchId, 'branchId');
  if (!state.branches[id]) throw BranchNotFound.withId(id);
  return id;
}

/** A member still on the roll, and a change dated no earlier than the last one recorded. */
function changeableMember(state: RegisteredOrganisation, memberId: unknown, date: IsoDate): MemberRecord {
  const id = requireText(memberId, 'memberId');
  const member = state.members[id];
  if (!member) throw MemberNotFound.withId(id);
  const latest = latestStatusOf(member);
  if (latest.status === 'left') throw MemberHasLeft.on(id, latest.from);
  if (isBefore(date, member.lastChangeOn)) throw MemberChangeOutOfOrder.before(id, date, member.lastChangeOn);
  return member;
}

export function decideOrganisation(command: OrganisationCommand, state: OrganisationState): OrganisationEvent[] {
  switch (command.type) {
    case 'RegisterUnit': {
      if (state.status === 'registered') throw UnitAlreadyRegistered.as(state.unitId, state.name);
      const unitId = requireText(command.data.unitId, 'unitId');
      return [{ type: 'UnitRegistered', data: { unitId, name: requireText(command.data.name, 'name'), code: requireText(command.data.code, 'code') } }];
    }
    case 'AddDivision': {
      const unit = registered(state);
      const divisionId = requireText(command.data.divisionId, 'divisionId');
      if (unit.divisions[divisionId]) throw DivisionAlreadyExists.withId(divisionId);
      return [{ type: 'DivisionAdded', data: { unitId: unit.unitId, divisionId, name: requireText(command.data.name, 'name') } }];
    }
    case 'AddBranch': {
      const unit = registered(state);
      const branchId = requireText(command.data.branchId, 'branchId');
      if (branchId === UNIT_LEVEL_BRANCH_ID) throw ReservedBranchId.because(branchId);
      if (unit.branches[branchId]) throw BranchAlreadyExists.withId(branchId);
      const name = requireText(command.data.name, 'name');
      const secretaryName = requireText(command.data.secretaryName, 'secretaryName');
      return [{ type: 'BranchAdded', data: { unitId: unit.unitId, branchId, name, secretaryName } }];
    }
    case 'RenameBranch': {
      const unit = registered(state);
      const branch = unit.branches[branchOf(unit, command.data.branchId)];
      const name = requireText(command.data.name, 'name');
      if (name === branch.name) return [];
      return [{ type: 'BranchRenamed', data: { unitId: unit.unitId, branchId: branch.branchId, previousName: branch.name, name } }];
    }
    case 'ChangeBranchSecretary': {
      const unit = registered(state);
      const branch = unit.branches[branchOf(unit, command.data.branchId)];
      const secretaryName = requireText(command.data.secretaryName, 'secretaryName');
      if (secretaryName === branch.secretaryName) return [];
      return [
        {
          type: 'BranchSecretaryChanged',
          data: { unitId: unit.unitId, branchId: branch.branchId, previousSecretaryName: branch.secretaryName, secretaryName },
        },
      ];
    }
    case 'JoinMember': {
      const unit = registered(state);
      const memberId = requireText(command.data.memberId, 'memberId');
      const name = requireText(command.data.name, 'name');
      const joinedOn = requireDate(command.data.joinedOn, 'joinedOn');
      const branchId = branchOf(unit, command.data.branchId);
      if (unit.members[memberId]) throw MemberAlreadyExists.withId(memberId);
      if (command.data.isLeader !== undefined && typeof command.data.isLeader !== 'boolean')
        throw InvalidCommand.field('isLeader', 'must be true or false', '必须为是或否');
      return [{ type: 'MemberJoined', data: { unitId: unit.unitId, memberId, name, branchId, isLeader: command.data.isLeader ?? false, joinedOn } }];
    }
    case 'TransferMember': {
      const unit = registered(state);
      const on = requireDate(command.data.on, 'on');
      const member = changeableMember(unit, command.data.memberId, on);
      const toBranchId = branchOf(unit, command.data.toBranchId);
      const fromBranchId = currentBranchOf(member);
      if (toBranchId === fromBranchId) throw SameBranchTransfer.of(member.memberId, toBranchId);
      const reason = optionalText(command.data.reason, 'reason') || null;
      return [{ type: 'MemberTransferred', data: { unitId: unit.unitId, memberId: member.memberId, fromBranchId, toBranchId, on, reason } }];
    }
    case 'ExemptMember': {
      const unit = registered(state);
      const from = requireDate(command.data.from, 'from');
      const member = changeableMember(unit, command.data.memberId, from);
      const reason = requireText(command.data.reason, 'reason');
      const until = command.data.until === undefined || command.data.until === null ? null : requireDate(command.data.until, 'until');
      if (until !== null && isBefore(until, from))
        throw InvalidCommand.field('until', `must be on or after the start of the exemption (${from})`, `不能早于免参开始日期（${from}）`);
      if (memberOnDate(member, from)?.status === 'exempt') throw MemberAlreadyExempt.on(member.memberId, from);
      return [{ type: 'MemberExempted', data: { unitId: unit.unitId, memberId: member.memberId, branchId: currentBranchOf(member), reason, from, until } }];
    }
    case 'ReinstateMember': {
      const unit = registered(state);
      const on = requireDate(command.data.on, 'on');
      const member = changeableMember(unit, command.data.memberId, on);
      if (memberOnDate(member, on)?.status !== 'exempt') throw MemberNotExempt.on(member.memberId, on);
      const note = optionalText(command.data.note, 'note') || null;
      return [{ type: 'MemberReinstated', data: { unitId: unit.unitId, memberId: member.memberId, branchId: currentBranchOf(member), on, note } }];
    }
    case 'RecordMemberLeft': {
      const unit = registered(state);
      const on = requireDate(command.data.on, 'on');
      const member = changeableMember(unit, command.data.memberId, on);
      const reason = requireText(command.data.reason, 'reason');
      return [{ type: 'MemberLeft', data: { unitId: unit.unitId, memberId: member.memberId, branchId: currentBranchOf(member), on, reason } }];
    }
    default:
      return assertNever(command);
  }
}

const laterOf = (a: IsoDate, b: IsoDate): IsoDate => (isAfter(a, b) ? a : b);

/** Copies of the three maps a batch of events may change: made once per batch, then changed in place. */
interface OrganisationDraft {
  divisions: Record<string, RegisteredOrganisation['divisions'][string]>;
  branches: Record<string, RegisteredOrganisation['branches'][string]>;
  members: Record<string, MemberRecord>;
}

function applyToDraft(draft: OrganisationDraft, event: Exclude<OrganisationEvent, { type: 'UnitRegistered' }>): void {
  const updateMember = (memberId: string, change: (member: MemberRecord) => MemberRecord) => {
    const member = draft.members[memberId];
    if (member) draft.members[memberId] = change(member);
  };
  switch (event.type) {
    case 'DivisionAdded':
      draft.divisions[event.data.divisionId] = { divisionId: event.data.divisionId, name: event.data.name };
      return;
    case 'BranchAdded': {
      const { branchId, name, secretaryName } = event.data;
      draft.branches[branchId] = { branchId, name, secretaryName };
      return;
    }
    case 'BranchRenamed': {
      const branch = draft.branches[event.data.branchId];
      if (branch) draft.branches[branch.branchId] = { ...branch, name: event.data.name };
      return;
    }
    case 'BranchSecretaryChanged': {
      const branch = draft.branches[event.data.branchId];
      if (branch) draft.branches[branch.branchId] = { ...branch, secretaryName: event.data.secretaryName };
      return;
    }
    case 'MemberJoined': {
      const { memberId, name, branchId, isLeader, joinedOn } = event.data;
      draft.members[memberId] = {
        memberId,
        name,
        isLeader,
        joinedOn,
        branchHistory: [{ from: joinedOn, branchId }],
        statusHistory: [{ from: joinedOn, status: 'active', until: null, reason: null }],
        lastChangeOn: joinedOn,
      };
      return;
    }
    case 'MemberTransferred':
      return updateMember(event.data.memberId, (m) => ({
        ...m,
        branchHistory: [...m.branchHistory, { from: event.data.on, branchId: event.data.toBranchId }],
        lastChangeOn: laterOf(m.lastChangeOn, event.data.on),
      }));
    case 'MemberExempted':
      return updateMember(event.data.memberId, (m) => ({
        ...m,
        statusHistory: [...m.statusHistory, { from: event.data.from, status: 'exempt', until: event.data.until, reason: event.data.reason }],
        lastChangeOn: laterOf(m.lastChangeOn, event.data.from),
      }));
    case 'MemberReinstated':
      return updateMember(event.data.memberId, (m) => ({
        ...m,
        statusHistory: [...m.statusHistory, { from: event.data.on, status: 'active', until: null, reason: event.data.note }],
        lastChangeOn: laterOf(m.lastChangeOn, event.data.on),
      }));
    case 'MemberLeft':
      return updateMember(event.data.memberId, (m) => ({
        ...m,
        statusHistory: [...m.statusHistory, { from: event.data.on, status: 'left', until: null, reason: event.data.reason }],
        lastChangeOn: laterOf(m.lastChangeOn, event.data.on),
      }));
    default:
      return assertNever(event);
  }
}

/**
 * Folds a batch of events. The state is immutable from the outside (the input is never changed), but within the
 * batch the maps are copied once and changed in place: loading a unit of 100,000 members is linear, not quadratic.
 */
export function evolveOrganisationAll(state: OrganisationState, events: readonly OrganisationEvent[]): OrganisationState {
  let current = state;
  let draft: OrganisationDraft | null = null;
  const settle = (): OrganisationState =>
    draft && current.status === 'registered' ? { ...current, divisions: draft.divisions, branches: draft.branches, members: draft.members } : current;
  for (const event of events) {
    if (event.type === 'UnitRegistered') {
      current = { status: 'registered', unitId: event.data.unitId, name: event.data.name, code: event.data.code, divisions: {}, branches: {}, members: {} };
      draft = null;
      continue;
    }
    if (current.status !== 'registered') continue;
    draft ??= { divisions: { ...current.divisions }, branches: { ...current.branches }, members: { ...current.members } };
    applyToDraft(draft, event);
  }
  return settle();
}

export function evolveOrganisation(state: OrganisationState, event: OrganisationEvent): OrganisationState {
  return evolveOrganisationAll(state, [event]);
}

export const organisationDecider: Decider<OrganisationCommand, OrganisationState, OrganisationEvent> = {
  decide: decideOrganisation,
  evolve: evolveOrganisation,
  evolveAll: evolveOrganisationAll,
  initialState: initialOrganisationState,
};
