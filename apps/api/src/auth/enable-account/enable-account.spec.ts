import { routeOf } from '@api/testing/route-access';
import { accountsFixture, ACCOUNTS, type AccountsFixture } from '../testing/accounts-fixture';
import type { Principal } from '../principal';
import { EnableAccountCommand, EnableAccountHandler } from './enable-account.handler';
import { EnableAccountHttpController } from './enable-account.http.controller';

describe('enable an account again', () => {
  let fx: AccountsFixture;
  const enable = (accountId: string, reason = '返回本单位', principal: Principal = ACCOUNTS.adminU1) =>
    fx.get(EnableAccountHandler).execute(new EnableAccountCommand(accountId, reason, principal));

  beforeEach(async () => {
    fx = await accountsFixture([EnableAccountHandler]);
    await fx.given({ type: 'DisableAccount', data: { accountId: 'acc-sec-b1', reason: '借调' } });
  });
  afterEach(() => fx.close());

  it('records AccountEnabled with the reason; tokens issued before it was disabled stay invalid', async () => {
    await expect(enable('acc-sec-b1')).resolves.toMatchObject({ accountId: 'acc-sec-b1', disabled: false });
    expect(await fx.appended()).toEqual([
      {
        streamId: 'accounts',
        type: 'AccountEnabled',
        data: { accountId: 'acc-sec-b1', reason: '返回本单位' },
        actorId: ACCOUNTS.adminU1.accountId,
        reason: '返回本单位',
      },
    ]);
    expect(await fx.account('acc-sec-b1')).toMatchObject({ disabled: false, tokenEpoch: 1 });
  });

  it('records nothing for an account that is enabled', async () => {
    await expect(enable('acc-leader-u1')).resolves.toMatchObject({ disabled: false });
    expect(await fx.appended()).toEqual([]);
  });

  it('refuses without a reason', async () => {
    await expect(enable('acc-sec-b1', ' ')).rejects.toMatchObject({ code: 'ACCOUNT.REASON_REQUIRED', kind: 'validation' });
    expect(await fx.account('acc-sec-b1')).toMatchObject({ disabled: true });
  });

  it("answers another unit's account as not found; refuses anyone but an administrator", async () => {
    await expect(enable('acc-sec-b1', '返回', ACCOUNTS.adminU2)).rejects.toMatchObject({ code: 'ACCESS.NOT_FOUND', kind: 'not_found' });
    await expect(enable('acc-sec-b1', '返回', ACCOUNTS.auditorU1)).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    expect(await fx.appended()).toEqual([]);
    expect(routeOf(EnableAccountHttpController, 'enable')).toMatchObject({ path: 'accounts/:accountId/enable', roles: ['administrator'] });
  });
});
