import { routeOf } from '@api/testing/route-access';
import { accountsFixture, ACCOUNTS, type AccountsFixture } from '@api/auth/testing/accounts-fixture';
import type { Principal } from '@api/auth/principal';
import { LogScopes } from '../log-scopes';
import { GetHistoryHandler, GetHistoryQuery, type HistoryCriteria } from './get-history.handler';
import { GetHistoryHttpController } from './get-history.http.controller';

describe('the history of your part of the log', () => {
  let fx: AccountsFixture;
  const historyOf = (criteria: HistoryCriteria, principal: Principal = ACCOUNTS.auditorU1) =>
    fx.get(GetHistoryHandler).execute(new GetHistoryQuery(criteria, principal));
  const streamsOf = async (criteria: HistoryCriteria, principal?: Principal) => [
    ...new Set((await historyOf(criteria, principal)).items.map((i) => i.streamId)),
  ];

  beforeEach(async () => {
    fx = await accountsFixture([GetHistoryHandler, LogScopes]);
  });
  afterEach(() => fx.close());

  it('answers the events of a stream of your unit, oldest first, with who recorded them', async () => {
    const page = await historyOf({ stream: 'organisation-U1' });
    expect(page).toMatchObject({ page: 1, pageSize: 50, total: 2, pages: 1 });
    expect(page.items.map((i) => [i.type, i.actor.id])).toEqual([
      ['UnitRegistered', 'seed'],
      ['BranchAdded', 'seed'],
    ]);
  });

  it('names each actor by the display name of their account, and leaves a name it does not know empty', async () => {
    const page = await historyOf({ stream: 'organisation-U1' });
    expect(page.items.map((i) => i.actor)).toEqual([expect.objectContaining({ id: 'seed', name: null }), expect.objectContaining({ id: 'seed', name: null })]);
    const admin = ACCOUNTS.adminU1;
    await fx.accounts.execute(
      { type: 'DisableAccount', data: { accountId: ACCOUNTS.secretaryB1.accountId, reason: '调离' } },
      { actor: { id: admin.accountId, role: admin.role }, reason: '调离' },
    );
    const disabled = (await historyOf({ type: ['AccountDisabled'] })).items;
    expect(disabled.map((i) => i.actor)).toEqual([{ id: admin.accountId, role: 'administrator', name: (await fx.account(admin.accountId))?.displayName }]);
    expect(disabled[0].actor.name).toEqual(expect.any(String));
  });

  it('answers newest first when asked', async () => {
    const page = await historyOf({ stream: 'organisation-U1', order: 'desc' });
    expect(page.items.map((i) => i.type)).toEqual(['BranchAdded', 'UnitRegistered']);
  });

  it("keeps to your unit's events: another unit's accounts are not in it, its streams are not found", async () => {
    expect(await streamsOf({})).toEqual(['organisation-U1', 'accounts']);
    const accounts = await historyOf({ type: ['AccountCreated'] });
    expect(accounts.items.map((i) => (i.data as { username: string }).username)).toEqual(['admin-u1', 'leader-u1', 'sec-b1', 'auditor-u1']);
    await expect(historyOf({ stream: 'organisation-U2' })).rejects.toMatchObject({ code: 'ACCESS.NOT_FOUND', kind: 'not_found' });
    expect(await streamsOf({}, ACCOUNTS.root)).toEqual(['organisation-U1', 'organisation-U2', 'accounts']);
  });

  it('pages and filters by type', async () => {
    const page = await historyOf({ type: ['AccountCreated'], page: 2, pageSize: 3 });
    expect(page).toMatchObject({ page: 2, pageSize: 3, total: 4, pages: 2 });
    expect(page.items).toHaveLength(1);
  });

  it('refuses a branch without its campaign, an unreadable date and a page below 1', async () => {
    await expect(historyOf({ branchId: 'B1' })).rejects.toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation', details: { path: 'branchId' } });
    await expect(historyOf({ from: 'yesterday' })).rejects.toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation', details: { path: 'query' } });
    await expect(historyOf({ page: 0 })).rejects.toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation', details: { path: 'query' } });
  });

  it("is the auditors', the leading group's and the administrators', not the secretaries'", () => {
    expect(routeOf(GetHistoryHttpController, 'history')).toMatchObject({ path: 'audit/history', roles: ['auditor', 'leading_group', 'administrator'] });
  });
});
