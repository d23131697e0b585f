import { routeOf } from '@api/testing/route-access';
import { accountsFixture, ACCOUNTS, PASSWORD, type AccountsFixture } from '../testing/accounts-fixture';
import type { Principal } from '../principal';
import { CreateAccountCommand, CreateAccountHandler, type NewAccount } from './create-account.handler';
import { CreateAccountHttpController } from './create-account.http.controller';

const secretary: NewAccount = { username: 'Sec-B1-Two', displayName: '一支部副书记', password: 'secret-pass', role: 'secretary', branchId: 'B1' };

describe('create an account', () => {
  let fx: AccountsFixture;
  const create = (account: NewAccount, principal: Principal = ACCOUNTS.adminU1) =>
    fx.get(CreateAccountHandler).execute(new CreateAccountCommand(account, principal));

  beforeEach(async () => {
    fx = await accountsFixture([CreateAccountHandler]);
  });
  afterEach(() => fx.close());

  it("records AccountCreated in the unit administrator's own unit (no hash in the log) and puts the password in force", async () => {
    const view = await create(secretary);
    expect(view).toEqual({
      accountId: expect.any(String),
      username: 'sec-b1-two',
      displayName: '一支部副书记',
      role: 'secretary',
      unitId: 'U1',
      branchId: 'B1',
      disabled: false,
    });
    expect(await fx.appended()).toEqual([
      {
        streamId: 'accounts',
        type: 'AccountCreated',
        actorId: ACCOUNTS.adminU1.accountId,
        reason: null,
        data: { accountId: view.accountId, username: 'sec-b1-two', displayName: '一支部副书记', role: 'secretary', unitId: 'U1', branchId: 'B1' },
      },
    ]);
    expect(await fx.passwordIs(view.accountId, 'secret-pass')).toBe(true);
  });

  it('lets an installation administrator create another installation administrator (no unit)', async () => {
    const view = await create({ username: 'root-2', displayName: '系统管理员', password: 'root-pass-2', role: 'administrator' }, ACCOUNTS.root);
    expect(view).toMatchObject({ role: 'administrator', unitId: null, branchId: null });
  });

  it('refuses a unit administrator an account of another unit, or one of no unit; refuses anyone but an administrator', async () => {
    const forbidden = { code: 'ACCESS.FORBIDDEN', kind: 'forbidden' };
    await expect(create({ ...secretary, unitId: 'U2' })).rejects.toMatchObject(forbidden);
    await expect(create({ ...secretary, role: 'administrator', branchId: undefined })).rejects.toMatchObject(forbidden);
    await expect(create(secretary, ACCOUNTS.leaderU1)).rejects.toMatchObject(forbidden);
    expect(await fx.appended()).toEqual([]);
    expect(routeOf(CreateAccountHttpController, 'create')).toMatchObject({ path: 'accounts', roles: ['administrator'] });
  });

  it('refuses a unit or branch that is not on record', async () => {
    await expect(create({ ...secretary, unitId: 'U9' }, ACCOUNTS.root)).rejects.toMatchObject({ code: 'UNIT.NOT_REGISTERED', kind: 'not_found' });
    await expect(create({ ...secretary, branchId: 'B9' })).rejects.toMatchObject({ code: 'BRANCH.NOT_FOUND', kind: 'not_found' });
    expect(await fx.appended()).toEqual([]);
  });

  it("refuses a username taken in any case, and leaves the holder's password alone", async () => {
    await expect(create({ ...secretary, username: 'SEC-B1' })).rejects.toMatchObject({ code: 'ACCOUNT.USERNAME_TAKEN', kind: 'conflict' });
    expect(await fx.appended()).toEqual([]);
    expect(await fx.passwordIs('acc-sec-b1', PASSWORD)).toBe(true);
  });

  it('refuses a secretary without a branch', async () => {
    await expect(create({ ...secretary, branchId: undefined })).rejects.toMatchObject({ code: 'ACCOUNT.BRANCH_REQUIRED', kind: 'validation' });
  });
});
