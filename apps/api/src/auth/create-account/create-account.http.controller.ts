import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiTags } from '@nestjs/swagger';
import type { AccountView } from '../accounts.service';
import { CurrentPrincipal, Roles, type Principal } from '../principal';
import { CreateAccountCommand } from './create-account.handler';
import { CreateAccountDto } from './create-account.dto';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class CreateAccountHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('administrator')
  @ApiCreatedResponse({ description: 'The account (no secret); its password is kept outside the log' })
  @ApiForbiddenResponse({ description: 'Not an administrator, or an account outside your unit' })
  @ApiConflictResponse({ description: 'The username is taken' })
  create(@Body() body: CreateAccountDto, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    const { username, displayName, password, role, unitId, branchId } = body;
    return this.commands.execute(new CreateAccountCommand({ username, displayName, password, role, unitId, branchId }, principal));
  }
}
