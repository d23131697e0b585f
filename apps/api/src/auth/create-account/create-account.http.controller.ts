import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { v7 as uuidv7 } from 'uuid';
import { AccountsService } from '../accounts.service';
import { PasswordHasher } from '../password-hasher';
import { actorOf, CurrentPrincipal, Roles, type Principal } from '../principal';
import { CreateAccountDto } from './create-account.dto';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('accounts')
export class CreateAccountHttpController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly hasher: PasswordHasher,
  ) {}

  @Post()
  @Roles('administrator')
  @ApiCreatedResponse({ description: 'The account was created' })
  async create(@Body() body: CreateAccountDto, @CurrentPrincipal() principal: Principal) {
    const accountId = uuidv7();
    const passwordHash = await this.hasher.hash(body.password);
    await this.accounts.execute(
      { type: 'CreateAccount', data: { accountId, username: body.username, displayName: body.displayName, role: body.role, unitId: body.unitId ?? null, branchId: body.branchId ?? null, passwordHash } },
      { actor: actorOf(principal) },
    );
    const account = await this.accounts.findByUsername(body.username);
    return { accountId: account?.accountId, username: account?.username, role: account?.role, branchId: account?.branchId };
  }

  @Get()
  @Roles('administrator')
  async list() {
    return (await this.accounts.list()).map(({ passwordHash: _hidden, ...account }) => account);
  }
}
