import { routeOf } from '@api/testing/route-access';
import { accountsFixture, ACCOUNTS, type AccountsFixture } from '../testing/accounts-fixture';
import type { Principal } from '../principal';
import { DisableAccountCommand, DisableAccountHandler } from './disable-account.handler';
import { DisableAccountHttpController } from './disable-account.http.controller';

describe('disable an account', () => {
  let fx: AccountsFixture;
  const disable = (accountId: string, reason = ' 调离本单位 ', principal: Principal = ACCOUNTS.adminU1) =>
    fx.get(DisableAccountHandler).execute(new DisableAccountCommand(accountId, reason, principal));

  beforeEach(async () => {
    fx = await accountsFixture([DisableAccountHandler]);
  });
  afterEach(() => fx.close());

  it('records AccountDisabled with the reason and ends every token of the account (its epoch moves on)', async () => {
    await expect(disable('acc-sec-b1')).resolves.toMatchObject({ accountId: 'acc-sec-b1', disabled: true });
    expect(await fx.appended()).toEqual([
      {
        streamId: 'accounts',
        type: 'AccountDisabled',
        data: { accountId: 'acc-sec-b1', reason: '调离本单位' },
        actorId: ACCOUNTS.adminU1.accountId,
        reason: '调离本单位',
      },
    ]);
    expect(await fx.account('acc-sec-b1')).toMatchObject({ disabled: true, tokenEpoch: 1 });
  });

  it('records nothing the second time', async () => {
    await disable('acc-sec-b1');
    await fx.mark();
    await expect(disable('acc-sec-b1')).resolves.toMatchObject({ disabled: true });
    expect(await fx.appended()).toEqual([]);
  });

  it('refuses without a reason', async () => {
    await expect(disable('acc-sec-b1', '   ')).rejects.toMatchObject({ code: 'ACCOUNT.REASON_REQUIRED', kind: 'validation' });
    expect(await fx.appended()).toEqual([]);
  });

  it("answers another unit's account, and one that does not exist, as not found; refuses anyone but an administrator", async () => {
    await expect(disable('acc-sec-b1', '调离', ACCOUNTS.adminU2)).rejects.toMatchObject({ code: 'ACCESS.NOT_FOUND', kind: 'not_found' });
    await expect(disable('acc-nobody')).rejects.toMatchObject({ code: 'ACCESS.NOT_FOUND', kind: 'not_found' });
    await expect(disable('acc-sec-b1', '调离', ACCOUNTS.leaderU1)).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    expect(await fx.appended()).toEqual([]);
    expect(routeOf(DisableAccountHttpController, 'disable')).toMatchObject({ path: 'accounts/:accountId/disable', roles: ['administrator'] });
  });

  it('keeps the last enabled installation administrator', async () => {
    await expect(disable('acc-root', '离任', ACCOUNTS.root)).rejects.toMatchObject({ code: 'ACCOUNT.LAST_ADMINISTRATOR', kind: 'conflict' });
    expect(await fx.account('acc-root')).toMatchObject({ disabled: false });
  });
});
