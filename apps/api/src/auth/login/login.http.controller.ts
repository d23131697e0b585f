import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { accountView, AccountsService } from '../accounts.service';
import { SignInRequired } from '../auth.errors';
import { Public } from '../principal';
import { SkipIdempotency } from '@api/infrastructure/idempotency/skip-idempotency.decorator';
import { TokenIssuer } from '../token-issuer';
import { LoginAttempts } from './login-attempts';
import { LoginDto } from './login.dto';

@ApiTags('auth')
@Controller('auth')
export class LoginHttpController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly tokens: TokenIssuer,
    private readonly attempts: LoginAttempts,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  // Every attempt is limited per client address (the throttler); failures per account (LoginAttempts). Both are
  // counted in the database, so every API process sees the same counts.
  @UseGuards(ThrottlerGuard)
  // A token is a secret: it is never stored for a replay.
  @SkipIdempotency()
  @ApiOkResponse({ description: 'A bearer token (expires after TOKEN_TTL) and who you are' })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password, or a disabled account' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address, or too many failures for this account: wait (Retry-After)' })
  async login(@Body() body: LoginDto, @Req() request: { ip?: string }) {
    const address = request.ip ?? 'unknown';
    await this.attempts.assertMayTry(body.username, address);
    const account = await this.accounts.findByUsername(body.username);
    // Spend the time of a check even for an unknown or disabled account, so that timing reveals nothing.
    const ok = account && !account.disabled ? await this.accounts.passwordMatches(account, body.password) : (await this.accounts.wastePasswordCheck(body.password), false);
    if (!account || !ok) {
      await this.attempts.failed(body.username, address);
      throw SignInRequired.wrongPassword();
    }
    await this.attempts.succeeded(body.username, address);
    return { token: await this.tokens.issue(account), account: accountView(account) };
  }
}
