import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AccountView } from '../accounts.service';
import { CurrentPrincipal, Roles, type Principal } from '../principal';
import { DisableAccountCommand } from './disable-account.handler';
import { AccountReasonDto } from './disable-account.dto';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class DisableAccountHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':accountId/disable')
  @HttpCode(200)
  @Roles('administrator')
  @ApiOkResponse({ description: 'Disabled (AccountDisabled with the reason): its tokens stop working at once; repeating it changes nothing' })
  @ApiNotFoundResponse({ description: 'No such account among those you administer' })
  @ApiConflictResponse({ description: 'It is the last enabled administrator' })
  disable(@Param('accountId') accountId: string, @Body() body: AccountReasonDto, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    return this.commands.execute(new DisableAccountCommand(accountId, body.reason, principal));
  }
}
