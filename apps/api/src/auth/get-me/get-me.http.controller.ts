import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { accountView, AccountsService, type AccountView } from '../accounts.service';
import { SignInRequired } from '../auth.errors';
import { CurrentPrincipal, type Principal } from '../principal';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth')
export class GetMeHttpController {
  constructor(private readonly accounts: AccountsService) {}

  @Get('me')
  @ApiOkResponse({ description: 'The signed-in account (no secret)' })
  async me(@CurrentPrincipal() principal: Principal): Promise<AccountView> {
    const account = await this.accounts.findById(principal.accountId);
    if (!account) throw SignInRequired.accountGone();
    return accountView(account);
  }
}
