import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertAccountAdministrator, isInstallationAdministrator } from '../access-policy';
import { accountView, AccountsService, type AccountView } from '../accounts.service';
import type { Principal } from '../principal';

export class ListAccountsQuery extends Query<AccountView[]> {
  constructor(readonly principal: Principal) {
    super();
  }
}

/** The accounts the principal administers: their unit's, or every account for an installation administrator. */
@QueryHandler(ListAccountsQuery)
export class ListAccountsHandler implements IQueryHandler<ListAccountsQuery, AccountView[]> {
  constructor(private readonly accounts: AccountsService) {}

  async execute({ principal }: ListAccountsQuery): Promise<AccountView[]> {
    assertAccountAdministrator(principal);
    const everyone = isInstallationAdministrator(principal);
    return (await this.accounts.list()).filter((a) => everyone || a.unitId === principal.unitId).map(accountView);
  }
}
