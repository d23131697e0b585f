import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { accountView, AccountsService, type AccountView } from '../accounts.service';
import { actorOf, type Principal } from '../principal';

export class EnableAccountCommand extends Command<AccountView> {
  constructor(
    readonly accountId: string,
    readonly reason: string,
    readonly principal: Principal,
  ) {
    super();
  }
}

/** Enabling an account again does not bring back the tokens issued before it was disabled. */
@CommandHandler(EnableAccountCommand)
export class EnableAccountHandler implements ICommandHandler<EnableAccountCommand, AccountView> {
  constructor(private readonly accounts: AccountsService) {}

  async execute({ accountId, reason, principal }: EnableAccountCommand): Promise<AccountView> {
    await this.accounts.manageable(principal, accountId);
    const { account } = await this.accounts.execute(
      { type: 'EnableAccount', data: { accountId, reason } },
      { actor: actorOf(principal), reason: reason.trim() },
    );
    return accountView(account);
  }
}
