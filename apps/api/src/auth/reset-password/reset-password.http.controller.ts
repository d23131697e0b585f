import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AccountView } from '../accounts.service';
import { CurrentPrincipal, Roles, type Principal } from '../principal';
import { ResetPasswordCommand } from './reset-password.handler';
import { ResetPasswordDto } from './reset-password.dto';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class ResetPasswordHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':accountId/password')
  @HttpCode(200)
  @Roles('administrator')
  @ApiOkResponse({ description: 'The new password is in force; every earlier token of the account stops working (AccountPasswordReset, no hash in the log)' })
  @ApiNotFoundResponse({ description: 'No such account among those you administer' })
  reset(@Param('accountId') accountId: string, @Body() body: ResetPasswordDto, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    return this.commands.execute(new ResetPasswordCommand(accountId, body.password, principal, body.reason));
  }
}
