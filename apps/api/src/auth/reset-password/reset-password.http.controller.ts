import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { accountView, AccountsService, type AccountView } from '../accounts.service';
import { actorOf, CurrentPrincipal, Roles, type Principal } from '../principal';
import { IsNewPassword, IsReason } from '../shared/account-fields';

export class ResetPasswordDto {
  @IsNewPassword()
  password!: string;

  @IsReason(false)
  reason?: string;
}

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class ResetPasswordHttpController {
  constructor(private readonly accounts: AccountsService) {}

  @Post(':accountId/password')
  @HttpCode(200)
  @Roles('administrator')
  @ApiOkResponse({ description: 'The new password is in force; every earlier token of the account stops working (AccountPasswordReset, no hash in the log)' })
  @ApiNotFoundResponse({ description: 'No such account among those you administer' })
  async reset(@Param('accountId') accountId: string, @Body() body: ResetPasswordDto, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    const { account } = await this.accounts.execute(
      { type: 'ResetPassword', data: { accountId } },
      { actor: actorOf(principal), ...(body.reason?.trim() ? { reason: body.reason.trim() } : {}) },
      { password: body.password },
    );
    return accountView(account);
  }
}
