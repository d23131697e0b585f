import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InvalidCommand } from '@campaign-ledger/domain';
import { AccessRefused } from '../access-policy';
import { AccountsService } from '../accounts.service';
import { LoginAttempts } from '../login/login-attempts';
import { actorOf, type Principal } from '../principal';
import type { LoginAnswer } from '@campaign-ledger/api-contract';
import { TokenIssuer } from '../token-issuer';

export class ChangeOwnPasswordCommand extends Command<LoginAnswer> {
  constructor(
    readonly currentPassword: string,
    readonly newPassword: string,
    readonly principal: Principal,
    /** The client's address: wrong current passwords are counted as failed log-ins are. */
    readonly address: string,
  ) {
    super();
  }
}

@CommandHandler(ChangeOwnPasswordCommand)
export class ChangeOwnPasswordHandler implements ICommandHandler<ChangeOwnPasswordCommand, LoginAnswer> {
  constructor(
    private readonly accounts: AccountsService,
    private readonly tokens: TokenIssuer,
    private readonly attempts: LoginAttempts,
  ) {}

  async execute({ currentPassword, newPassword, principal, address }: ChangeOwnPasswordCommand): Promise<LoginAnswer> {
    // Guessing the current password with a token in hand is limited as guessing it at the log-in is.
    await this.attempts.assertMayTry(principal.username, address);
    const account = await this.accounts.findById(principal.accountId);
    if (!account || !(await this.accounts.passwordMatches(account, currentPassword))) {
      await this.attempts.failed(principal.username, address);
      throw AccessRefused.because('the current password is wrong: nothing was changed', '当前密码不正确，密码未修改');
    }
    if (newPassword === currentPassword) {
      throw InvalidCommand.field('newPassword', 'it is the same as the current password: choose another', '新密码不能与当前密码相同');
    }
    const changed = await this.accounts.execute(
      { type: 'ChangeOwnPassword', data: { accountId: account.accountId } },
      { actor: actorOf(principal) },
      { password: newPassword },
    );
    return this.tokens.signedIn(changed.account);
  }
}
