import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiTags } from '@nestjs/swagger';
import { v7 as uuidv7 } from 'uuid';
import { AggregateStore } from '@api/infrastructure/event-sourcing/aggregate-store';
import { assertCanGrant } from '../access-policy';
import { accountView, AccountsService, type AccountView } from '../accounts.service';
import { actorOf, CurrentPrincipal, Roles, type Principal } from '../principal';
import { assertScopeExists } from '../shared/account-fields';
import { CreateAccountDto } from './create-account.dto';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class CreateAccountHttpController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly aggregates: AggregateStore,
  ) {}

  @Post()
  @Roles('administrator')
  @ApiCreatedResponse({ description: 'The account (no secret); its password is kept outside the log' })
  @ApiForbiddenResponse({ description: 'Not an administrator, or an account outside your unit' })
  @ApiConflictResponse({ description: 'The username is taken' })
  async create(@Body() body: CreateAccountDto, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    // A unit administrator's accounts are of their unit: the unit may be left out.
    const unitId = body.unitId ?? (body.role === 'administrator' ? null : principal.unitId);
    assertCanGrant(principal, { role: body.role, unitId: body.role === 'administrator' ? (body.unitId ?? null) : unitId, branchId: body.branchId });
    await assertScopeExists(this.aggregates, unitId, body.branchId);
    const { account } = await this.accounts.execute(
      {
        type: 'CreateAccount',
        data: { accountId: uuidv7(), username: body.username, displayName: body.displayName, role: body.role, unitId, branchId: body.branchId ?? null },
      },
      { actor: actorOf(principal) },
      { password: body.password },
    );
    return accountView(account);
  }
}
