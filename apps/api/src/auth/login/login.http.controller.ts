import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { accountView, AccountsService } from '../accounts.service';
import { SignInRequired } from '../auth.errors';
import { Public } from '../principal';
import { SkipIdempotency } from '../../infrastructure/idempotency/skip-idempotency.decorator';
import { TokenIssuer } from '../token-issuer';
import { LoginDto } from './login.dto';

@ApiTags('auth')
@Controller('auth')
export class LoginHttpController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly tokens: TokenIssuer,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  // Limited per client address and per account, counted in the database (every API process sees the same counts).
  @UseGuards(ThrottlerGuard)
  // A token is a secret: it is never stored for a replay.
  @SkipIdempotency()
  @ApiOkResponse({ description: 'A bearer token (expires after TOKEN_TTL) and who you are' })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password, or a disabled account' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address or for this account: wait (Retry-After)' })
  async login(@Body() body: LoginDto) {
    const account = await this.accounts.findByUsername(body.username);
    // Spend the time of a check even for an unknown or disabled account, so that timing reveals nothing.
    const ok = account && !account.disabled ? await this.accounts.passwordMatches(account, body.password) : (await this.accounts.wastePasswordCheck(body.password), false);
    if (!account || !ok) throw SignInRequired.wrongPassword();
    return { token: await this.tokens.issue(account), account: accountView(account) };
  }
}
