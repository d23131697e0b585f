// The one policy of who may touch what: units are sealed off from each other, a secretary keeps to one branch, and
// administrators manage the accounts of their own unit. Every check the API makes on a unit, a branch, a stream or an
// account comes from here; the UnitScopeGuard applies it to every route's :unitId / :campaignId / :branchId.
import { CampaignNotFound, DomainError, UNIT_LEVEL_BRANCH_ID, UnitNotRegistered, type DomainErrorKind, type Role } from '@campaign-ledger/domain';
import type { Principal } from './principal';

/** A request the principal's role or scope does not allow (403). */
export class AccessRefused extends DomainError {
  static readonly code = 'ACCESS.FORBIDDEN';
  static readonly kind: DomainErrorKind = 'forbidden';
  static because(message: string, messageZh: string, details: Record<string, unknown> = {}): AccessRefused {
    return new AccessRefused(message, messageZh, details);
  }
}

/** Something that does not exist for this principal: unknown, or another unit's (the two answers are the same). */
export class NotFoundForYou extends DomainError {
  static readonly code = 'ACCESS.NOT_FOUND';
  static readonly kind: DomainErrorKind = 'not_found';
  static thing(what: string, whatZh: string, id: string): NotFoundForYou {
    return new NotFoundForYou(`no ${what} ${id} here: check the id`, `没有${whatZh} ${id}：请检查标识`, { [what.replace(/\s+/g, '')]: id });
  }
}

/** An id chosen by a client is already used somewhere it may not look: say only that it is taken. */
export class IdNotAvailable extends DomainError {
  static readonly code = 'ID.NOT_AVAILABLE';
  static readonly kind: DomainErrorKind = 'conflict';
  static campaign(campaignId: string): IdNotAvailable {
    return new IdNotAvailable(
      `the campaign id "${campaignId}" is not available: choose another, or leave it out and one is generated`,
      `活动标识“${campaignId}”不可用：请换一个，或留空由系统生成`,
      { campaignId },
    );
  }
}

/** An administrator without a unit runs the installation: every unit, the unit registry and every account. */
export const isInstallationAdministrator = (principal: Pick<Principal, 'role' | 'unitId'>): boolean =>
  principal.role === 'administrator' && principal.unitId === null;

/** Whether the principal may see or touch anything of this unit. */
export function mayReachUnit(principal: Pick<Principal, 'role' | 'unitId'>, unitId: string): boolean {
  return isInstallationAdministrator(principal) || (principal.unitId !== null && principal.unitId === unitId);
}

/** Another unit's campaign answers exactly as a campaign that does not exist: nothing is disclosed. */
export function assertCampaignReachable(principal: Principal, unitId: string): void {
  if (!mayReachUnit(principal, unitId)) throw CampaignNotFound.notPlanned();
}

/** Another unit answers exactly as a unit that is not registered. */
export function assertUnitReachable(principal: Principal, unitId: string): void {
  if (!mayReachUnit(principal, unitId)) throw UnitNotRegistered.yet();
}

/** A secretary reads and writes only their own branch. */
export function assertBranchReachable(principal: Principal, branchId: string): void {
  if (principal.role === 'secretary' && principal.branchId !== branchId) {
    throw AccessRefused.because(
      `you are the secretary of branch ${principal.branchId}; you may not read or write branch ${branchId}`,
      `您是支部 ${principal.branchId} 的书记，不能查看或登记支部 ${branchId} 的工作`,
      { branchId },
    );
  }
}

/** Branch work (tasks, study sessions, three ones): the branch's secretary; the unit-level work: the leading group. */
export function assertCanWriteBranchWork(principal: Principal, branchId: string): void {
  if (principal.role === 'secretary') return assertBranchReachable(principal, branchId);
  if (principal.role === 'leading_group' && branchId === UNIT_LEVEL_BRANCH_ID) return;
  throw AccessRefused.because(
    principal.role === 'leading_group'
      ? "the leading group records only unit-level work; a branch's work is recorded by its secretary"
      : `role ${principal.role} may not record branch work`,
    principal.role === 'leading_group' ? '领导小组只登记单位层面的工作；支部的工作由支部书记登记' : `角色 ${principal.role} 不能登记支部工作`,
    { branchId },
  );
}

/** The unit, role and branch an account has or is to have. */
export interface AccountScope {
  readonly role: Role;
  readonly unitId: string | null;
  readonly branchId?: string | null;
}

/** Accounts are managed (listed, created, changed) by administrators only. */
export function assertAccountAdministrator(principal: Pick<Principal, 'role'>): void {
  if (principal.role !== 'administrator') throw AccessRefused.because('only administrators manage accounts', '只有系统管理员可以管理账号');
}

/** An administrator manages the accounts of their unit; an installation administrator every account. */
export function assertCanManageAccount(principal: Principal, account: AccountScope & { accountId: string }): void {
  assertAccountAdministrator(principal);
  if (isInstallationAdministrator(principal)) return;
  if (account.unitId !== principal.unitId) throw NotFoundForYou.thing('account', '账号', account.accountId);
}

/** What an administrator may hand out: a unit administrator only roles within their own unit. */
export function assertCanGrant(principal: Principal, scope: AccountScope): void {
  assertAccountAdministrator(principal);
  if (isInstallationAdministrator(principal)) return;
  if (scope.unitId !== principal.unitId) {
    throw AccessRefused.because(
      `you administer unit ${principal.unitId}: accounts you create or change stay in that unit (unitId ${principal.unitId})`,
      `您只能管理本单位（${principal.unitId}）的账号`,
      { unitId: scope.unitId },
    );
  }
}

/** Registering units and reading the list of every unit is the installation's business. */
export function assertInstallationAdministrator(principal: Principal): void {
  if (!isInstallationAdministrator(principal)) {
    throw AccessRefused.because(
      'only an installation administrator (an administrator without a unit) may do this',
      '只有系统级管理员（不属于任何单位）可以执行此操作',
    );
  }
}
