import { routeOf } from '@api/testing/route-access';
import { accountsFixture, ACCOUNTS, type AccountsFixture } from '../testing/accounts-fixture';
import type { Principal } from '../principal';
import { ListAccountsHandler, ListAccountsQuery } from './list-accounts.handler';
import { ListAccountsHttpController } from './list-accounts.http.controller';

describe('list the accounts you administer', () => {
  let fx: AccountsFixture;
  const list = (principal: Principal) => fx.get(ListAccountsHandler).execute(new ListAccountsQuery(principal));
  const usernames = async (principal: Principal) => (await list(principal)).map((a) => a.username).sort();

  beforeEach(async () => {
    fx = await accountsFixture([ListAccountsHandler]);
  });
  afterEach(() => fx.close());

  it("gives a unit administrator their unit's accounts only", async () => {
    expect(await usernames(ACCOUNTS.adminU1)).toEqual(['admin-u1', 'auditor-u1', 'leader-u1', 'sec-b1']);
    expect(await usernames(ACCOUNTS.adminU2)).toEqual(['admin-u2', 'auditor-u2']);
  });

  it('gives an installation administrator every account, with no secret', async () => {
    const all = await list(ACCOUNTS.root);
    expect(all).toHaveLength(7);
    for (const account of all) expect(Object.keys(account).sort()).toEqual(['accountId', 'branchId', 'disabled', 'displayName', 'role', 'unitId', 'username']);
  });

  it('refuses anyone but an administrator', async () => {
    await expect(list(ACCOUNTS.leaderU1)).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    expect(routeOf(ListAccountsHttpController, 'list')).toMatchObject({ path: 'accounts', roles: ['administrator'] });
  });
});
