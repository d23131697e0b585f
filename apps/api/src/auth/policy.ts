// Who may write what, beyond the role check on each route: a secretary writes only for their own branch.
import { ForbiddenException } from '@nestjs/common';
import { UNIT_LEVEL_BRANCH_ID } from '@campaign-ledger/domain';
import type { Principal } from './principal';

/** Branch work (tasks, study sessions, three ones) of one branch. */
export function assertCanWriteBranchWork(principal: Principal, branchId: string): void {
  if (principal.role === 'secretary') {
    if (principal.branchId !== branchId) {
      throw new ForbiddenException(`you are the secretary of branch ${principal.branchId}; you may not write for branch ${branchId}`);
    }
    return;
  }
  // The leading group's office carries out the unit-level tasks (the reserved unit-level branch).
  if (principal.role === 'leading_group' && branchId === UNIT_LEVEL_BRANCH_ID) return;
  throw new ForbiddenException(
    principal.role === 'leading_group'
      ? "the leading group records only unit-level work; a branch's work is recorded by its secretary"
      : `role ${principal.role} may not record branch work`,
  );
}

/** Reading a branch's work: everyone but a secretary of another branch. */
export function assertCanReadBranch(principal: Principal, branchId: string): void {
  if (principal.role === 'secretary' && principal.branchId !== branchId) {
    throw new ForbiddenException(`you are the secretary of branch ${principal.branchId}; you may not read branch ${branchId}`);
  }
}
