import { ATTEMPT_LIMITS } from './login-attempts';
import { routeOf } from '@api/testing/route-access';
import { accountsFixture, ACCOUNTS, ADDRESS, PASSWORD, type AccountsFixture } from '../testing/accounts-fixture';
import { LoginCommand, LoginHandler } from './login.handler';
import { LoginHttpController } from './login.http.controller';

const WRONG = { code: 'AUTH.SIGN_IN_REQUIRED', kind: 'unauthenticated' };

describe('log in', () => {
  let fx: AccountsFixture;
  const login = (username: string, password: string, address = ADDRESS) => fx.get(LoginHandler).execute(new LoginCommand(username, password, address));
  const failTimes = async (times: number, username = 'sec-b1') => {
    for (let i = 0; i < times; i += 1) await expect(login(username, 'wrong-password')).rejects.toMatchObject(WRONG);
  };

  beforeEach(async () => {
    fx = await accountsFixture([LoginHandler]);
  });
  afterEach(() => fx.close());

  it('answers a token of the account and its current epoch, and the account without a secret; the username in any case', async () => {
    const { token, account } = await login('SEC-B1', PASSWORD);
    expect(account).toEqual({
      accountId: 'acc-sec-b1',
      username: 'sec-b1',
      displayName: 'sec-b1',
      role: 'secretary',
      unitId: 'U1',
      branchId: 'B1',
      disabled: false,
    });
    expect(fx.claimsOf(token)).toMatchObject({ sub: 'acc-sec-b1', ep: 0, role: 'secretary' });
    // Signing in is not a fact of the log.
    expect(await fx.appended()).toEqual([]);
  });

  it('refuses a wrong password, an unknown username and a disabled account alike', async () => {
    await expect(login('sec-b1', 'wrong-password')).rejects.toMatchObject(WRONG);
    await expect(login('nobody', PASSWORD)).rejects.toMatchObject(WRONG);
    await fx.given({ type: 'DisableAccount', data: { accountId: 'acc-sec-b1', reason: '调离' } });
    await expect(login('sec-b1', PASSWORD)).rejects.toMatchObject(WRONG);
  });

  it('stops an account after too many failures from one address, even with the right password; other addresses still sign in', async () => {
    await failTimes(ATTEMPT_LIMITS.perAccountAndAddress);
    await expect(login('sec-b1', PASSWORD)).rejects.toMatchObject({
      code: 'AUTH.TOO_MANY_ATTEMPTS',
      kind: 'too_many',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    await expect(login('sec-b1', PASSWORD, '198.51.100.1')).resolves.toMatchObject({ account: { accountId: 'acc-sec-b1' } });
    // Another account from the same address is not held back.
    await expect(login('leader-u1', PASSWORD)).resolves.toMatchObject({ account: { accountId: ACCOUNTS.leaderU1.accountId } });
  });

  it("clears the address's failures once the account signs in from it", async () => {
    await failTimes(ATTEMPT_LIMITS.perAccountAndAddress - 1);
    await login('sec-b1', PASSWORD);
    await failTimes(ATTEMPT_LIMITS.perAccountAndAddress - 1);
    await expect(login('sec-b1', PASSWORD)).resolves.toMatchObject({ account: { username: 'sec-b1' } });
  });

  it('is public: no token needed, limited by the throttler per address', () => {
    expect(routeOf(LoginHttpController, 'login')).toMatchObject({ path: 'auth/login', isPublic: true, roles: undefined });
  });
});
