import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { accountView, AccountsService, type AccountView } from '../accounts.service';
import { actorOf, type Principal } from '../principal';

export class DisableAccountCommand extends Command<AccountView> {
  constructor(
    readonly accountId: string,
    readonly reason: string,
    readonly principal: Principal,
  ) {
    super();
  }
}

/** Disabling an account ends its tokens at once; the last enabled administrator is refused by the decider. */
@CommandHandler(DisableAccountCommand)
export class DisableAccountHandler implements ICommandHandler<DisableAccountCommand, AccountView> {
  constructor(private readonly accounts: AccountsService) {}

  async execute({ accountId, reason, principal }: DisableAccountCommand): Promise<AccountView> {
    await this.accounts.manageable(principal, accountId);
    const { account } = await this.accounts.execute(
      { type: 'DisableAccount', data: { accountId, reason } },
      { actor: actorOf(principal), reason: reason.trim() },
    );
    return accountView(account);
  }
}
