import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { accountView, AccountsService, type AccountView } from '../accounts.service';
import { actorOf, type Principal } from '../principal';

export class ResetPasswordCommand extends Command<AccountView> {
  constructor(
    readonly accountId: string,
    readonly password: string,
    readonly principal: Principal,
    readonly reason?: string,
  ) {
    super();
  }
}

/** An administrator sets a new password: the log says it was reset (no hash); every earlier token stops working. */
@CommandHandler(ResetPasswordCommand)
export class ResetPasswordHandler implements ICommandHandler<ResetPasswordCommand, AccountView> {
  constructor(private readonly accounts: AccountsService) {}

  async execute({ accountId, password, principal, reason }: ResetPasswordCommand): Promise<AccountView> {
    await this.accounts.manageable(principal, accountId);
    const { account } = await this.accounts.execute(
      { type: 'ResetPassword', data: { accountId } },
      { actor: actorOf(principal), ...(reason?.trim() ? { reason: reason.trim() } : {}) },
      { password },
    );
    return accountView(account);
  }
}
