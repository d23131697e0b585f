import { routeOf } from '@api/testing/route-access';
import { accountsFixture, ACCOUNTS, PASSWORD, type AccountsFixture } from '../testing/accounts-fixture';
import type { Principal } from '../principal';
import { ResetPasswordCommand, ResetPasswordHandler } from './reset-password.handler';
import { ResetPasswordHttpController } from './reset-password.http.controller';

const RESET = 'reset-password-1';

describe("reset an account's password", () => {
  let fx: AccountsFixture;
  const reset = (accountId: string, principal: Principal = ACCOUNTS.adminU1, reason?: string) =>
    fx.get(ResetPasswordHandler).execute(new ResetPasswordCommand(accountId, RESET, principal, reason));

  beforeEach(async () => {
    fx = await accountsFixture([ResetPasswordHandler]);
  });
  afterEach(() => fx.close());

  it('records AccountPasswordReset (no hash) with the reason, puts the new password in force and ends earlier tokens', async () => {
    await expect(reset('acc-sec-b1', ACCOUNTS.adminU1, ' 忘记密码 ')).resolves.toMatchObject({ accountId: 'acc-sec-b1', disabled: false });
    expect(await fx.appended()).toEqual([
      { streamId: 'accounts', type: 'AccountPasswordReset', data: { accountId: 'acc-sec-b1' }, actorId: ACCOUNTS.adminU1.accountId, reason: '忘记密码' },
    ]);
    expect(await fx.passwordIs('acc-sec-b1', RESET)).toBe(true);
    expect(await fx.passwordIs('acc-sec-b1', PASSWORD)).toBe(false);
    expect(await fx.account('acc-sec-b1')).toMatchObject({ tokenEpoch: 1 });
  });

  it('records no reason when none is given', async () => {
    await reset('acc-sec-b1', ACCOUNTS.adminU1, '  ');
    expect(await fx.appended()).toEqual([expect.objectContaining({ type: 'AccountPasswordReset', reason: null })]);
  });

  it("answers another unit's account, and one that does not exist, as not found, and leaves the password alone", async () => {
    await expect(reset('acc-sec-b1', ACCOUNTS.adminU2)).rejects.toMatchObject({ code: 'ACCESS.NOT_FOUND', kind: 'not_found' });
    await expect(reset('acc-nobody')).rejects.toMatchObject({ code: 'ACCESS.NOT_FOUND', kind: 'not_found' });
    expect(await fx.appended()).toEqual([]);
    expect(await fx.passwordIs('acc-sec-b1', PASSWORD)).toBe(true);
  });

  it('refuses anyone but an administrator', async () => {
    await expect(reset('acc-sec-b1', ACCOUNTS.leaderU1)).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    expect(await fx.passwordIs('acc-sec-b1', PASSWORD)).toBe(true);
    expect(routeOf(ResetPasswordHttpController, 'reset')).toMatchObject({ path: 'accounts/:accountId/password', roles: ['administrator'] });
  });
});
