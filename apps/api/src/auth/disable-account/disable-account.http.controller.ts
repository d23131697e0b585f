import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { accountView, AccountsService, type AccountView } from '../accounts.service';
import { actorOf, CurrentPrincipal, Roles, type Principal } from '../principal';
import { IsReason } from '../shared/account-fields';

export class AccountReasonDto {
  @IsReason(true)
  reason!: string;
}

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class DisableAccountHttpController {
  constructor(private readonly accounts: AccountsService) {}

  @Post(':accountId/disable')
  @HttpCode(200)
  @Roles('administrator')
  @ApiOkResponse({ description: 'Disabled (AccountDisabled with the reason): its tokens stop working at once; repeating it changes nothing' })
  @ApiNotFoundResponse({ description: 'No such account among those you administer' })
  @ApiConflictResponse({ description: 'It is the last enabled administrator' })
  async disable(@Param('accountId') accountId: string, @Body() body: AccountReasonDto, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    const { account } = await this.accounts.execute({ type: 'DisableAccount', data: { accountId, reason: body.reason } }, { actor: actorOf(principal), reason: body.reason.trim() });
    return accountView(account);
  }
}
