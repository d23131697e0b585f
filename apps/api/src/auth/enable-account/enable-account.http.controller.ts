import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AccountView } from '../accounts.service';
import { AccountReasonDto } from '../disable-account/disable-account.dto';
import { CurrentPrincipal, Roles, type Principal } from '../principal';
import { EnableAccountCommand } from './enable-account.handler';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class EnableAccountHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':accountId/enable')
  @HttpCode(200)
  @Roles('administrator')
  @ApiOkResponse({ description: 'Enabled again (AccountEnabled with the reason); tokens issued before it was disabled stay invalid' })
  @ApiNotFoundResponse({ description: 'No such account among those you administer' })
  enable(@Param('accountId') accountId: string, @Body() body: AccountReasonDto, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    return this.commands.execute(new EnableAccountCommand(accountId, body.reason, principal));
  }
}
