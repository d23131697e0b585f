import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { accountView, AccountsService, type AccountView } from '../accounts.service';
import { SignInRequired } from '../auth.errors';
import type { Principal } from '../principal';

export class GetMeQuery extends Query<AccountView> {
  constructor(readonly principal: Principal) {
    super();
  }
}

@QueryHandler(GetMeQuery)
export class GetMeHandler implements IQueryHandler<GetMeQuery, AccountView> {
  constructor(private readonly accounts: AccountsService) {}

  async execute({ principal }: GetMeQuery): Promise<AccountView> {
    const account = await this.accounts.findById(principal.accountId);
    if (!account) throw SignInRequired.accountGone();
    return accountView(account);
  }
}
