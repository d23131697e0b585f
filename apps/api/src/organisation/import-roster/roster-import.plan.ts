// Turns the rows of a roster file into organisation events by running the decider row by row over an evolving state.
// Pure: the same state, table and date always give the same plan; the handler appends it in one go or not at all.
import type { RefusedRosterRow, RosterImportAnswer, RosterImportReport } from '@campaign-ledger/api-contract';
import {
  currentBranchOf,
  isDomainError,
  isIsoDate,
  latestStatusOf,
  organisationDecider,
  UnitNotRegistered,
  type IsoDate,
  type OrganisationCommand,
  type OrganisationEvent,
  type OrganisationState,
} from '@campaign-ledger/domain';
import { ID_PATTERN, ID_RULE } from '../shared/organisation.validation';
import type { RosterField, RosterFileRow, RosterTable } from './roster-file.parser';

// The report and what an import answers (the report, whether it was written, the revision) are the contract's.
export type { RosterImportAnswer, RosterImportReport };

export interface RosterImportPlan {
  readonly report: RosterImportReport;
  /** Empty when any row is refused: an import is all or nothing. */
  readonly events: readonly OrganisationEvent[];
}

const TRUE = new Set(['是', 'true', '1', 'yes', 'y', '√']);
const FALSE = new Set(['否', 'false', '0', 'no', 'n', '']);

export function parseLeaderFlag(text: string): boolean | null {
  const value = text.trim().toLowerCase();
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  return null;
}

/** YYYY-MM-DD, also written 2009/3/16, 2009.3.16, 2009-3-16 or 2009年3月16日; null when not a real date. */
export function parseRosterDate(text: string): IsoDate | null {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!match) return null;
  const date = `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`;
  return isIsoDate(date) ? date : null;
}

interface MemberRow {
  readonly row: number;
  readonly branchId: string;
  readonly branchName: string | null;
  readonly secretaryName: string | null;
  readonly memberId: string;
  readonly name: string;
  readonly isLeader: boolean;
  readonly joinedOn: IsoDate;
}

const MAX_TEXT = 100;

const FIELD_ZH: Readonly<Record<'branchName' | 'secretaryName' | 'name', string>> = { branchName: '支部名称', secretaryName: '书记', name: '姓名' };

/** Field checks that need no state; every problem of the row is reported. */
function checkRow({ row, values }: RosterFileRow, today: IsoDate): { ok: MemberRow } | { refused: RefusedRosterRow[] } {
  const refused: RefusedRosterRow[] = [];
  const text = (field: RosterField) => values[field] ?? '';
  const id = (field: 'branchId' | 'memberId', label: string, labelZh: string): string => {
    const value = text(field);
    if (value === '') refused.push({ row, field, reason: `${label} (${field}) is empty`, reasonZh: `${labelZh}为空` });
    else if (!ID_PATTERN.test(value)) {
      refused.push({
        row,
        field,
        reason: `${label} (${field}) "${value}" ${ID_RULE}`,
        reasonZh: `${labelZh}“${value}”不合规：只能用字母、数字、点、横线或下划线`,
      });
    }
    return value;
  };
  const optional = (field: 'branchName' | 'secretaryName' | 'name'): string | null => {
    const value = text(field);
    if (value.length > MAX_TEXT)
      refused.push({ row, field, reason: `${field} must be at most ${MAX_TEXT} characters`, reasonZh: `${FIELD_ZH[field]}不能超过 ${MAX_TEXT} 个字` });
    return value === '' ? null : value;
  };
  const branchId = id('branchId', 'branch id 支部编号', '支部编号');
  const memberId = id('memberId', 'member id 党员编号', '党员编号');
  const name = optional('name');
  if (name === null) refused.push({ row, field: 'name', reason: 'the member name (姓名) is empty', reasonZh: '姓名为空' });
  const branchName = optional('branchName');
  const secretaryName = optional('secretaryName');
  const isLeader = parseLeaderFlag(text('isLeader'));
  if (isLeader === null) {
    refused.push({
      row,
      field: 'isLeader',
      reason: `isLeader (是否党组成员) must be 是/否, true/false or 1/0, got "${text('isLeader')}"`,
      reasonZh: `是否党组成员应填“是”或“否”，而不是“${text('isLeader')}”`,
    });
  }
  const joinedText = text('joinedOn');
  const joinedOn = joinedText === '' ? today : parseRosterDate(joinedText);
  if (joinedOn === null) {
    refused.push({
      row,
      field: 'joinedOn',
      reason: `joinedOn (入党或加入日期) must be a real date written YYYY-MM-DD, got "${joinedText}"`,
      reasonZh: `入党或加入日期应为有效日期（如 2009-03-16），而不是“${joinedText}”`,
    });
  }
  if (refused.length > 0 || name === null || isLeader === null || joinedOn === null) return { refused };
  return { ok: { row, branchId, branchName, secretaryName, memberId, name, isLeader, joinedOn } };
}

const FIELD_OF_PATH: Readonly<Record<string, Readonly<Record<string, RosterField>>>> = {
  AddBranch: { branchId: 'branchId', name: 'branchName', secretaryName: 'secretaryName' },
  JoinMember: { branchId: 'branchId', memberId: 'memberId', name: 'name', joinedOn: 'joinedOn', isLeader: 'isLeader' },
};

export function planRosterImport(initial: OrganisationState, table: RosterTable, today: IsoDate): RosterImportPlan {
  if (initial.status !== 'registered') throw UnitNotRegistered.yet();
  let state: OrganisationState = initial;
  const events: OrganisationEvent[] = [];
  const refused: RefusedRosterRow[] = [];
  const firstRowOfMember = new Map<string, number>();
  const branchDefinedOnRow = new Map<string, number>();
  const branchesCreated: string[] = [];
  const membersJoined: string[] = [];
  let unchanged = 0;

  /** Decides one command on the evolving state; a domain refusal becomes a refused row. */
  const run = (row: number, command: OrganisationCommand): boolean => {
    try {
      const decided = organisationDecider.decide(command, state);
      for (const event of decided) state = organisationDecider.evolve(state, event);
      events.push(...decided);
      return true;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const details = error.details as { path?: string; branchId?: string; memberId?: string };
      const field =
        (details.path && FIELD_OF_PATH[command.type]?.[details.path]) || (details.branchId ? 'branchId' : details.memberId ? 'memberId' : undefined);
      refused.push({ row, ...(field ? { field } : {}), reason: error.message, reasonZh: error.messageZh });
      return false;
    }
  };

  for (const fileRow of table.rows) {
    const checked = checkRow(fileRow, today);
    if ('refused' in checked) {
      refused.push(...checked.refused);
      continue;
    }
    const r = checked.ok;
    const seenOn = firstRowOfMember.get(r.memberId);
    if (seenOn !== undefined) {
      refused.push({
        row: r.row,
        field: 'memberId',
        reason: `member id ${r.memberId} already appears on row ${seenOn}; each member takes one row`,
        reasonZh: `党员编号 ${r.memberId} 已在第 ${seenOn} 行出现，每名党员只占一行`,
      });
      continue;
    }
    firstRowOfMember.set(r.memberId, r.row);
    if (state.status !== 'registered') throw UnitNotRegistered.yet();

    const branch = state.branches[r.branchId];
    if (!branch) {
      if (r.branchName === null || r.secretaryName === null) {
        refused.push({
          row: r.row,
          field: r.branchName === null ? 'branchName' : 'secretaryName',
          reason: `branch ${r.branchId} does not exist yet: give its name (支部名称) and secretary (书记) to create it`,
          reasonZh: `支部 ${r.branchId} 尚不存在：请填写支部名称和书记以新建该支部`,
        });
        continue;
      }
      if (!run(r.row, { type: 'AddBranch', data: { branchId: r.branchId, name: r.branchName, secretaryName: r.secretaryName } })) continue;
      branchDefinedOnRow.set(r.branchId, r.row);
      branchesCreated.push(r.branchId);
    } else {
      const where = branchDefinedOnRow.has(r.branchId) ? `on row ${branchDefinedOnRow.get(r.branchId)}` : 'on record';
      const whereZh = branchDefinedOnRow.has(r.branchId) ? `第 ${branchDefinedOnRow.get(r.branchId)} 行中` : '现有记录中';
      if (r.branchName !== null && r.branchName !== branch.name) {
        refused.push({
          row: r.row,
          field: 'branchName',
          reason: `branch ${r.branchId} is named "${branch.name}" ${where}, not "${r.branchName}"; rename it separately or leave the cell empty`,
          reasonZh: `支部 ${r.branchId} 在${whereZh}名为“${branch.name}”，而不是“${r.branchName}”：请另行改名，或留空该单元格`,
        });
        continue;
      }
      if (r.secretaryName !== null && r.secretaryName !== branch.secretaryName) {
        refused.push({
          row: r.row,
          field: 'secretaryName',
          reason: `branch ${r.branchId}'s secretary is "${branch.secretaryName}" ${where}, not "${r.secretaryName}"; change the secretary separately or leave the cell empty`,
          reasonZh: `支部 ${r.branchId} 在${whereZh}的书记是“${branch.secretaryName}”，而不是“${r.secretaryName}”：请另行更换书记，或留空该单元格`,
        });
        continue;
      }
    }

    const registered = state.status === 'registered' ? state : null;
    const existing = registered?.members[r.memberId];
    if (existing) {
      const latest = latestStatusOf(existing);
      const branchNow = currentBranchOf(existing);
      if (latest.status === 'left') {
        refused.push({
          row: r.row,
          field: 'memberId',
          reason: `member ${r.memberId} left the unit on ${latest.from}; a member id is never reused`,
          reasonZh: `党员 ${r.memberId} 已于 ${latest.from} 离开本单位，党员编号不能重复使用`,
        });
      } else if (existing.name !== r.name || branchNow !== r.branchId) {
        refused.push({
          row: r.row,
          field: existing.name !== r.name ? 'name' : 'branchId',
          reason: `member ${r.memberId} is already on the roll as "${existing.name}" in branch ${branchNow}; use transfer or correct the row`,
          reasonZh: `党员 ${r.memberId} 已在册（“${existing.name}”，支部 ${branchNow}）：请办理转接或更正该行`,
        });
      } else {
        unchanged += 1;
      }
      continue;
    }
    if (run(r.row, { type: 'JoinMember', data: { memberId: r.memberId, name: r.name, branchId: r.branchId, isLeader: r.isLeader, joinedOn: r.joinedOn } })) {
      membersJoined.push(r.memberId);
    }
  }

  refused.sort((a, b) => a.row - b.row);
  const refusedRows = new Set(refused.map((r) => r.row)).size;
  const planned = refused.length === 0 ? events : [];
  return {
    events: planned,
    report: {
      format: table.format,
      rows: table.rows.length,
      accepted: table.rows.length - refusedRows,
      unchanged,
      refused,
      ignoredColumns: table.ignoredColumns,
      branchesCreated,
      membersJoined,
      events: planned.length,
    },
  };
}
