import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Role } from '@campaign-ledger/domain';
import { AggregateStore } from '@api/infrastructure/event-sourcing/aggregate-store';
import { assertCanGrant } from '../access-policy';
import { accountView, AccountsService, type AccountView } from '../accounts.service';
import { actorOf, type Principal } from '../principal';
import { assertScopeExists } from '../shared/account-fields';

/** The role an account is to have and where: the unit left out keeps the account's own. */
export interface RoleChange {
  readonly role: Role;
  readonly unitId?: string;
  readonly branchId?: string;
}

export class ChangeRoleCommand extends Command<AccountView> {
  constructor(
    readonly accountId: string,
    readonly change: RoleChange,
    readonly principal: Principal,
    readonly reason?: string,
  ) {
    super();
  }
}

@CommandHandler(ChangeRoleCommand)
export class ChangeRoleHandler implements ICommandHandler<ChangeRoleCommand, AccountView> {
  constructor(
    private readonly accounts: AccountsService,
    private readonly aggregates: AggregateStore,
  ) {}

  async execute({ accountId, change, principal, reason }: ChangeRoleCommand): Promise<AccountView> {
    // The account must be one this administrator manages (over HTTP the UnitScopeGuard has refused any other already).
    const current = await this.accounts.manageable(principal, accountId);
    // The unit stays the account's own unless another is named (an installation administrator may move accounts).
    const unitId = change.unitId ?? (change.role === 'administrator' && current.unitId === null ? null : (current.unitId ?? principal.unitId));
    assertCanGrant(principal, { role: change.role, unitId, branchId: change.branchId });
    await assertScopeExists(this.aggregates, unitId, change.branchId);
    const { account } = await this.accounts.execute(
      { type: 'ChangeRole', data: { accountId, role: change.role, unitId, branchId: change.branchId ?? null } },
      { actor: actorOf(principal), ...(reason?.trim() ? { reason: reason.trim() } : {}) },
    );
    return accountView(account);
  }
}
