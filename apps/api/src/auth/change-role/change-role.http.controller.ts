import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AccountView } from '../accounts.service';
import { CurrentPrincipal, Roles, type Principal } from '../principal';
import { ChangeRoleCommand } from './change-role.handler';
import { ChangeRoleDto } from './change-role.dto';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class ChangeRoleHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':accountId/role')
  @HttpCode(200)
  @Roles('administrator')
  @ApiOkResponse({ description: 'The role, unit and branch now in force (AccountRoleChanged); the same as before changes nothing' })
  @ApiNotFoundResponse({ description: 'No such account among those you administer, or no such unit or branch' })
  @ApiConflictResponse({ description: 'It would leave no enabled administrator' })
  change(@Param('accountId') accountId: string, @Body() body: ChangeRoleDto, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    const { reason, role, unitId, branchId } = body;
    return this.commands.execute(new ChangeRoleCommand(accountId, { role, unitId, branchId }, principal, reason));
  }
}
