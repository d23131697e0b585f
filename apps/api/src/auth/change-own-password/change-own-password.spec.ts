import { routeOf } from '@api/testing/route-access';
import { ATTEMPT_LIMITS } from '../login/login-attempts';
import { accountsFixture, ACCOUNTS, ADDRESS, PASSWORD, type AccountsFixture } from '../testing/accounts-fixture';
import type { Principal } from '../principal';
import { ChangeOwnPasswordCommand, ChangeOwnPasswordHandler } from './change-own-password.handler';
import { ChangeOwnPasswordHttpController } from './change-own-password.http.controller';

const NEW_PASSWORD = 'a-new-password';
const WRONG_CURRENT = { code: 'ACCESS.FORBIDDEN', kind: 'forbidden' };

describe('change your own password', () => {
  let fx: AccountsFixture;
  const change = (current: string, next = NEW_PASSWORD, principal: Principal = ACCOUNTS.auditorU1) =>
    fx.get(ChangeOwnPasswordHandler).execute(new ChangeOwnPasswordCommand(current, next, principal, ADDRESS));

  beforeEach(async () => {
    fx = await accountsFixture([ChangeOwnPasswordHandler]);
  });
  afterEach(() => fx.close());

  it('records AccountPasswordChanged (no hash), puts the new password in force and answers a token of the next epoch', async () => {
    const { token, account } = await change(PASSWORD);
    expect(account).toMatchObject({ accountId: 'acc-auditor-u1', role: 'auditor', disabled: false });
    expect(fx.claimsOf(token)).toMatchObject({ sub: 'acc-auditor-u1', ep: 1 });
    expect(await fx.appended()).toEqual([
      { streamId: 'accounts', type: 'AccountPasswordChanged', data: { accountId: 'acc-auditor-u1' }, actorId: 'acc-auditor-u1', reason: null },
    ]);
    expect(await fx.passwordIs('acc-auditor-u1', NEW_PASSWORD)).toBe(true);
    expect(await fx.passwordIs('acc-auditor-u1', PASSWORD)).toBe(false);
  });

  it('refuses a wrong current password and changes nothing', async () => {
    await expect(change('not-the-password')).rejects.toMatchObject(WRONG_CURRENT);
    expect(await fx.appended()).toEqual([]);
    expect(await fx.passwordIs('acc-auditor-u1', PASSWORD)).toBe(true);
  });

  it('counts wrong current passwords as failed log-ins: after too many, even the right one waits', async () => {
    for (let i = 0; i < ATTEMPT_LIMITS.perAccountAndAddress; i += 1) await expect(change('not-the-password')).rejects.toMatchObject(WRONG_CURRENT);
    await expect(change(PASSWORD)).rejects.toMatchObject({ code: 'AUTH.TOO_MANY_ATTEMPTS', kind: 'too_many' });
    expect(await fx.appended()).toEqual([]);
  });

  it('refuses the current password as the new one', async () => {
    await expect(change(PASSWORD, PASSWORD)).rejects.toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation', details: { path: 'newPassword' } });
    expect(await fx.appended()).toEqual([]);
  });

  it('refuses a disabled account', async () => {
    await fx.given({ type: 'DisableAccount', data: { accountId: 'acc-auditor-u1', reason: '离任' } });
    await expect(change(PASSWORD)).rejects.toMatchObject({ code: 'ACCOUNT.DISABLED', kind: 'forbidden' });
    expect(await fx.appended()).toEqual([]);
  });

  it("is every signed-in account's own, auditors included (no role list)", () => {
    expect(routeOf(ChangeOwnPasswordHttpController, 'change')).toMatchObject({ path: 'auth/password', isPublic: false, roles: undefined });
  });
});
