import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { accountView, AccountsService, type AccountView } from '../accounts.service';
import { AccountReasonDto } from '../disable-account/disable-account.http.controller';
import { actorOf, CurrentPrincipal, Roles, type Principal } from '../principal';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class EnableAccountHttpController {
  constructor(private readonly accounts: AccountsService) {}

  @Post(':accountId/enable')
  @HttpCode(200)
  @Roles('administrator')
  @ApiOkResponse({ description: 'Enabled again (AccountEnabled with the reason); tokens issued before it was disabled stay invalid' })
  @ApiNotFoundResponse({ description: 'No such account among those you administer' })
  async enable(@Param('accountId') accountId: string, @Body() body: AccountReasonDto, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    const { account } = await this.accounts.execute({ type: 'EnableAccount', data: { accountId, reason: body.reason } }, { actor: actorOf(principal), reason: body.reason.trim() });
    return accountView(account);
  }
}
