import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AggregateStore } from '@api/infrastructure/event-sourcing/aggregate-store';
import { assertCanGrant, NotFoundForYou } from '../access-policy';
import { accountView, AccountsService, type AccountView } from '../accounts.service';
import { actorOf, CurrentPrincipal, Roles, type Principal } from '../principal';
import { AccountScopeDto, assertScopeExists, IsReason } from '../shared/account-fields';

export class ChangeRoleDto extends AccountScopeDto {
  @IsReason(false)
  reason?: string;
}

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class ChangeRoleHttpController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly aggregates: AggregateStore,
  ) {}

  @Post(':accountId/role')
  @HttpCode(200)
  @Roles('administrator')
  @ApiOkResponse({ description: 'The role, unit and branch now in force (AccountRoleChanged); the same as before changes nothing' })
  @ApiNotFoundResponse({ description: 'No such account among those you administer, or no such unit or branch' })
  @ApiConflictResponse({ description: 'It would leave no enabled administrator' })
  async change(@Param('accountId') accountId: string, @Body() body: ChangeRoleDto, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    // The UnitScopeGuard has checked that the account is one this administrator manages.
    const current = await this.accounts.findById(accountId);
    if (!current) throw NotFoundForYou.thing('account', '账号', accountId);
    // The unit stays the account's own unless another is named (an installation administrator may move accounts).
    const unitId = body.unitId ?? (body.role === 'administrator' && current.unitId === null ? null : current.unitId ?? principal.unitId);
    assertCanGrant(principal, { role: body.role, unitId, branchId: body.branchId });
    await assertScopeExists(this.aggregates, unitId, body.branchId);
    const { account } = await this.accounts.execute(
      { type: 'ChangeRole', data: { accountId, role: body.role, unitId, branchId: body.branchId ?? null } },
      { actor: actorOf(principal), ...(body.reason?.trim() ? { reason: body.reason.trim() } : {}) },
    );
    return accountView(account);
  }
}
