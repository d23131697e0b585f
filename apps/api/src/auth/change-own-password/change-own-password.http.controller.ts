import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { InvalidCommand } from '@campaign-ledger/domain';
import { SkipIdempotency } from '@api/infrastructure/idempotency/skip-idempotency.decorator';
import { accountView, AccountsService } from '../accounts.service';
import { AccessRefused } from '../access-policy';
import { actorOf, CurrentPrincipal, OwnAccount, type Principal } from '../principal';
import { IsNewPassword } from '../shared/account-fields';
import { TokenIssuer } from '../token-issuer';
import { LoginAttempts } from '../login/login-attempts';

export class ChangeOwnPasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  currentPassword!: string;

  @IsNewPassword()
  newPassword!: string;
}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth')
export class ChangeOwnPasswordHttpController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly tokens: TokenIssuer,
    private readonly attempts: LoginAttempts,
  ) {}

  @Post('password')
  @HttpCode(200)
  @SkipIdempotency()
  @OwnAccount()
  @ApiOkResponse({ description: 'Changed: every earlier token of the account stops working; a new token is returned' })
  @ApiUnauthorizedResponse({ description: 'Not signed in' })
  async change(@Body() body: ChangeOwnPasswordDto, @CurrentPrincipal() principal: Principal, @Req() request: { ip?: string }) {
    // Guessing the current password with a token in hand is limited as guessing it at the log-in is.
    const address = request.ip ?? 'unknown';
    await this.attempts.assertMayTry(principal.username, address);
    const account = await this.accounts.findById(principal.accountId);
    if (!account || !(await this.accounts.passwordMatches(account, body.currentPassword))) {
      await this.attempts.failed(principal.username, address);
      throw AccessRefused.because('the current password is wrong: nothing was changed', '当前密码不正确，密码未修改');
    }
    if (body.newPassword === body.currentPassword) {
      throw InvalidCommand.field('newPassword', 'it is the same as the current password: choose another', '新密码不能与当前密码相同');
    }
    const changed = await this.accounts.execute(
      { type: 'ChangeOwnPassword', data: { accountId: account.accountId } },
      { actor: actorOf(principal) },
      { password: body.newPassword },
    );
    return { token: await this.tokens.issue(changed.account), account: accountView(changed.account) };
  }
}
