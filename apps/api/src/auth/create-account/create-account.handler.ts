import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '@campaign-ledger/domain';
import { AggregateStore } from '@api/infrastructure/event-sourcing/aggregate-store';
import { assertCanGrant } from '../access-policy';
import { accountView, AccountsService, type AccountView } from '../accounts.service';
import { actorOf, type Principal } from '../principal';
import { assertScopeExists } from '../shared/account-fields';

export interface NewAccount {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly role: Role;
  /** Left out: the creating administrator's unit (none for a new administrator). */
  readonly unitId?: string;
  readonly branchId?: string;
}

export class CreateAccountCommand extends Command<AccountView> {
  constructor(
    readonly account: NewAccount,
    readonly principal: Principal,
  ) {
    super();
  }
}

@CommandHandler(CreateAccountCommand)
export class CreateAccountHandler implements ICommandHandler<CreateAccountCommand, AccountView> {
  constructor(
    private readonly accounts: AccountsService,
    private readonly aggregates: AggregateStore,
  ) {}

  async execute({ account: wanted, principal }: CreateAccountCommand): Promise<AccountView> {
    const { username, displayName, password, role, branchId } = wanted;
    // A unit administrator's accounts are of their unit: the unit may be left out.
    const unitId = wanted.unitId ?? (role === 'administrator' ? null : principal.unitId);
    assertCanGrant(principal, { role, unitId: role === 'administrator' ? (wanted.unitId ?? null) : unitId, branchId });
    await assertScopeExists(this.aggregates, unitId, branchId);
    const { account } = await this.accounts.execute(
      { type: 'CreateAccount', data: { accountId: uuidv7(), username, displayName, role, unitId, branchId: branchId ?? null } },
      { actor: actorOf(principal) },
      { password },
    );
    return accountView(account);
  }
}
