// Applies the access policy to every route before it runs: a :unitId, :campaignId or :branchId (in the path or the
// query) and an :accountId must be within the principal's reach. A route added later is covered without doing anything.
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { InvalidCommand } from '@campaign-ledger/domain';
import { AccountsService } from './accounts.service';
import { CampaignUnits } from './campaign-units';
import { assertBranchReachable, assertCampaignReachable, assertCanManageAccount, assertUnitReachable, NotFoundForYou } from './access-policy';
import type { Principal } from './principal';

interface ScopedRequest {
  readonly principal?: Principal;
  readonly params?: Record<string, string | undefined>;
  readonly query?: Record<string, unknown>;
}

/** A scope parameter from the path, else the query; repeated in the query is refused (it would be checked once and used twice). */
function scopeParameter(request: ScopedRequest, name: string): string | undefined {
  const inPath = request.params?.[name];
  if (inPath !== undefined) return inPath;
  const inQuery = request.query?.[name];
  if (inQuery === undefined || typeof inQuery === 'string') return inQuery;
  throw InvalidCommand.field(name, 'give it once, as one value', '只能给出一个值');
}

@Injectable()
export class UnitScopeGuard implements CanActivate {
  constructor(
    private readonly campaigns: CampaignUnits,
    private readonly accounts: AccountsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<ScopedRequest>();
    const principal = request.principal;
    if (!principal) return true; // a public route: nothing of a unit is behind it
    const unitId = scopeParameter(request, 'unitId');
    // An empty value is left to the route's validation, which says what is wrong with it (400).
    if (unitId !== undefined && unitId !== '') assertUnitReachable(principal, unitId);
    const campaignId = scopeParameter(request, 'campaignId');
    if (campaignId !== undefined && campaignId !== '') {
      const unit = await this.campaigns.unitOf(campaignId);
      // An unknown campaign goes on to its handler, which answers 404 as it always has.
      if (unit !== null) assertCampaignReachable(principal, unit);
    }
    const accountId = request.params?.accountId;
    if (accountId !== undefined && accountId !== '') {
      const account = await this.accounts.findById(accountId);
      if (!account) throw NotFoundForYou.thing('account', '账号', accountId);
      assertCanManageAccount(principal, account);
    }
    const branchId = scopeParameter(request, 'branchId');
    if (branchId !== undefined && branchId !== '') assertBranchReachable(principal, branchId);
    return true;
  }
}
