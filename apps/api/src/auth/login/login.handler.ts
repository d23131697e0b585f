import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccountsService } from '../accounts.service';
import { SignInRequired } from '../auth.errors';
import type { LoginAnswer } from '@campaign-ledger/api-contract';
import { TokenIssuer } from '../token-issuer';
import { LoginAttempts } from './login-attempts';

export class LoginCommand extends Command<LoginAnswer> {
  constructor(
    readonly username: string,
    readonly password: string,
    /** The client's address: failures are counted per account and address (and per account from every address). */
    readonly address: string,
  ) {
    super();
  }
}

@CommandHandler(LoginCommand)
export class LoginHandler implements ICommandHandler<LoginCommand, LoginAnswer> {
  constructor(
    private readonly accounts: AccountsService,
    private readonly tokens: TokenIssuer,
    private readonly attempts: LoginAttempts,
  ) {}

  async execute({ username, password, address }: LoginCommand): Promise<LoginAnswer> {
    await this.attempts.assertMayTry(username, address);
    const account = await this.accounts.findByUsername(username);
    // Spend the time of a check even for an unknown or disabled account, so that timing reveals nothing.
    const ok =
      account && !account.disabled ? await this.accounts.passwordMatches(account, password) : (await this.accounts.wastePasswordCheck(password), false);
    if (!account || !ok) {
      await this.attempts.failed(username, address);
      throw SignInRequired.wrongPassword();
    }
    await this.attempts.succeeded(username, address);
    return this.tokens.signedIn(account);
  }
}
