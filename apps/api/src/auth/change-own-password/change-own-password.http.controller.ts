import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { InvalidCommand } from '@campaign-ledger/domain';
import { SkipIdempotency } from '../../infrastructure/idempotency/skip-idempotency.decorator';
import { accountView, AccountsService } from '../accounts.service';
import { AccessRefused } from '../access-policy';
import { actorOf, CurrentPrincipal, type Principal } from '../principal';
import { IsNewPassword } from '../shared/account-fields';
import { TokenIssuer } from '../token-issuer';

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
  ) {}

  @Post('password')
  @HttpCode(200)
  @SkipIdempotency()
  @ApiOkResponse({ description: 'Changed: every earlier token of the account stops working; a new token is returned' })
  @ApiUnauthorizedResponse({ description: 'Not signed in' })
  async change(@Body() body: ChangeOwnPasswordDto, @CurrentPrincipal() principal: Principal) {
    const account = await this.accounts.findById(principal.accountId);
    if (!account || !(await this.accounts.passwordMatches(account, body.currentPassword))) {
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
