import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AccountView } from '../accounts.service';
import { CurrentPrincipal, type Principal } from '../principal';
import { GetMeQuery } from './get-me.handler';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth')
export class GetMeHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('me')
  @ApiOkResponse({ description: 'The signed-in account (no secret)' })
  me(@CurrentPrincipal() principal: Principal): Promise<AccountView> {
    return this.queries.execute(new GetMeQuery(principal));
  }
}
