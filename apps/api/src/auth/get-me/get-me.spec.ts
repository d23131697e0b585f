import { routeOf } from '@api/testing/route-access';
import { accountsFixture, ACCOUNTS, type AccountsFixture } from '../testing/accounts-fixture';
import { GetMeHandler, GetMeQuery } from './get-me.handler';
import { GetMeHttpController } from './get-me.http.controller';

describe('who am I', () => {
  let fx: AccountsFixture;
  const me = (principal = ACCOUNTS.secretaryB1) => fx.get(GetMeHandler).execute(new GetMeQuery(principal));

  beforeEach(async () => {
    fx = await accountsFixture([GetMeHandler]);
  });
  afterEach(() => fx.close());

  it('answers the account as recorded now, without a secret or the token epoch', async () => {
    await fx.given({ type: 'ChangeRole', data: { accountId: 'acc-sec-b1', role: 'leading_group', unitId: 'U1', branchId: null } });
    // The principal is as the token said; the answer is the account as it is now.
    expect(await me()).toEqual({
      accountId: 'acc-sec-b1',
      username: 'sec-b1',
      displayName: 'sec-b1',
      role: 'leading_group',
      unitId: 'U1',
      branchId: null,
      disabled: false,
    });
  });

  it('answers an account that does not exist as not signed in', async () => {
    await expect(me({ ...ACCOUNTS.secretaryB1, accountId: 'acc-gone' })).rejects.toMatchObject({ code: 'AUTH.SIGN_IN_REQUIRED', kind: 'unauthenticated' });
  });

  it('is for every signed-in role', () => {
    expect(routeOf(GetMeHttpController, 'me')).toMatchObject({ path: 'auth/me', isPublic: false, roles: undefined });
  });
});
