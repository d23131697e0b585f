import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AccountView } from '../accounts.service';
import { CurrentPrincipal, Roles, type Principal } from '../principal';
import { ListAccountsQuery } from './list-accounts.handler';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class ListAccountsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('administrator')
  @ApiOkResponse({ description: "The accounts you administer (your unit's; every account for an installation administrator), no secrets" })
  list(@CurrentPrincipal() principal: Principal): Promise<AccountView[]> {
    return this.queries.execute(new ListAccountsQuery(principal));
  }
}
