import { routeOf } from '@api/testing/route-access';
import { accountsFixture, ACCOUNTS, type AccountsFixture } from '../testing/accounts-fixture';
import type { Principal } from '../principal';
import { ChangeRoleCommand, ChangeRoleHandler, type RoleChange } from './change-role.handler';
import { ChangeRoleHttpController } from './change-role.http.controller';

describe("change an account's role", () => {
  let fx: AccountsFixture;
  const changeRole = (accountId: string, change: RoleChange, principal: Principal = ACCOUNTS.adminU1, reason?: string) =>
    fx.get(ChangeRoleHandler).execute(new ChangeRoleCommand(accountId, change, principal, reason));

  beforeEach(async () => {
    fx = await accountsFixture([ChangeRoleHandler]);
  });
  afterEach(() => fx.close());

  it("records AccountRoleChanged with the reason; the unit stays the account's own when none is named", async () => {
    const view = await changeRole('acc-sec-b1', { role: 'leading_group' }, ACCOUNTS.adminU1, '  换届  ');
    expect(view).toMatchObject({ accountId: 'acc-sec-b1', role: 'leading_group', unitId: 'U1', branchId: null });
    expect(await fx.appended()).toEqual([
      {
        streamId: 'accounts',
        type: 'AccountRoleChanged',
        actorId: ACCOUNTS.adminU1.accountId,
        reason: '换届',
        data: { accountId: 'acc-sec-b1', role: 'leading_group', unitId: 'U1', branchId: null },
      },
    ]);
  });

  it('records nothing when the role and scope are what they are already', async () => {
    await expect(changeRole('acc-sec-b1', { role: 'secretary', branchId: 'B1' })).resolves.toMatchObject({ role: 'secretary', branchId: 'B1' });
    expect(await fx.appended()).toEqual([]);
  });

  it("lets an installation administrator move an account to another unit; refuses a unit administrator that, or another unit's account", async () => {
    await expect(changeRole('acc-leader-u1', { role: 'leading_group', unitId: 'U2' })).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    await expect(changeRole('acc-leader-u1', { role: 'auditor' }, ACCOUNTS.adminU2)).rejects.toMatchObject({ code: 'ACCESS.NOT_FOUND', kind: 'not_found' });
    await expect(changeRole('acc-leader-u1', { role: 'auditor' }, ACCOUNTS.leaderU1)).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN', kind: 'forbidden' });
    expect(await fx.appended()).toEqual([]);
    await expect(changeRole('acc-leader-u1', { role: 'leading_group', unitId: 'U2' }, ACCOUNTS.root)).resolves.toMatchObject({ unitId: 'U2' });
    expect(routeOf(ChangeRoleHttpController, 'change')).toMatchObject({ path: 'accounts/:accountId/role', roles: ['administrator'] });
  });

  it('refuses an account, unit or branch that does not exist', async () => {
    await expect(changeRole('acc-nobody', { role: 'auditor' })).rejects.toMatchObject({ code: 'ACCESS.NOT_FOUND', kind: 'not_found' });
    await expect(changeRole('acc-leader-u1', { role: 'auditor', unitId: 'U9' }, ACCOUNTS.root)).rejects.toMatchObject({
      code: 'UNIT.NOT_REGISTERED',
      kind: 'not_found',
    });
    await expect(changeRole('acc-leader-u1', { role: 'secretary', branchId: 'B9' })).rejects.toMatchObject({ code: 'BRANCH.NOT_FOUND', kind: 'not_found' });
    await expect(changeRole('acc-leader-u1', { role: 'secretary' })).rejects.toMatchObject({ code: 'ACCOUNT.BRANCH_REQUIRED', kind: 'validation' });
    expect(await fx.appended()).toEqual([]);
  });

  it('keeps the last installation administrator', async () => {
    await expect(changeRole('acc-root', { role: 'administrator', unitId: 'U1' }, ACCOUNTS.root)).rejects.toMatchObject({
      code: 'ACCOUNT.LAST_ADMINISTRATOR',
      kind: 'conflict',
    });
    expect(await fx.appended()).toEqual([]);
  });
});
