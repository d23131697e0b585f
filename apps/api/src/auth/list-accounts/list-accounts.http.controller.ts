import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { isInstallationAdministrator } from '../access-policy';
import { accountView, AccountsService, type AccountView } from '../accounts.service';
import { CurrentPrincipal, Roles, type Principal } from '../principal';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class ListAccountsHttpController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @Roles('administrator')
  @ApiOkResponse({ description: "The accounts you administer (your unit's; every account for an installation administrator), no secrets" })
  async list(@CurrentPrincipal() principal: Principal): Promise<AccountView[]> {
    const everyone = isInstallationAdministrator(principal);
    return (await this.accounts.list()).filter((a) => everyone || a.unitId === principal.unitId).map(accountView);
  }
}
