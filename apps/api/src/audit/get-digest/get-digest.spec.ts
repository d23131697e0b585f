import { routeOf } from '@api/testing/route-access';
import { accountsFixture, ACCOUNTS, type AccountsFixture } from '@api/auth/testing/accounts-fixture';
import type { Principal } from '@api/auth/principal';
import { LogScopes } from '../log-scopes';
import { GetDigestHandler, GetDigestQuery } from './get-digest.handler';
import { GetDigestHttpController } from './get-digest.http.controller';

describe('the digest of your part of the log', () => {
  let fx: AccountsFixture;
  const digestFor = (principal: Principal) => fx.get(GetDigestHandler).execute(new GetDigestQuery(principal));

  beforeEach(async () => {
    fx = await accountsFixture([GetDigestHandler, LogScopes]);
  });
  afterEach(() => fx.close());

  it("covers the auditor's unit only: its organisation and its accounts", async () => {
    const view = await digestFor(ACCOUNTS.auditorU1);
    // organisation-U1 (registered, B1 added) and the four accounts of U1.
    expect(view).toMatchObject({ scope: 'unit.U1', events: 6, streams: 2 });
    expect(view.digest).toBe(`v2:unit.U1:6:${view.root}`);
    expect(view.root).toMatch(/^[0-9a-f]{64}$/);
    expect(view.position).toMatch(/^\d+\/\d+$/);
    expect(view.manifest).toMatchObject({ format: 'campaign-ledger/manifest', digest: view.digest });
  });

  it('covers the whole log for an installation administrator, nothing for an account of no unit', async () => {
    expect(await digestFor(ACCOUNTS.root)).toMatchObject({ scope: 'all', events: 4 + 7 });
    expect(await digestFor({ ...ACCOUNTS.auditorU1, unitId: null })).toMatchObject({ scope: 'none', events: 0 });
  });

  it("changes with the unit's own events only", async () => {
    const [u1, u2] = [await digestFor(ACCOUNTS.auditorU1), await digestFor(ACCOUNTS.auditorU2)];
    await fx.given({ type: 'DisableAccount', data: { accountId: 'acc-auditor-u2', reason: '离任' } });
    expect((await digestFor(ACCOUNTS.auditorU1)).digest).toBe(u1.digest);
    const after = await digestFor(ACCOUNTS.auditorU2);
    expect(after.events).toBe(u2.events + 1);
    expect(after.root).not.toBe(u2.root);
  });

  it("is the auditors'", () => {
    expect(routeOf(GetDigestHttpController, 'digest')).toMatchObject({ path: 'audit/digest', roles: ['auditor'] });
  });
});
