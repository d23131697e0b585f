import { computeDigest, unitScope } from '@campaign-ledger/audit';
import { routeOf } from '@api/testing/route-access';
import { accountsFixture, ACCOUNTS, type AccountsFixture } from '@api/auth/testing/accounts-fixture';
import { LogScopes } from '../log-scopes';
import { VerifyLogHandler, VerifyLogQuery } from './verify-log.handler';
import { VerifyLogHttpController } from './verify-log.http.controller';

describe("verify the log's hash chains", () => {
  let fx: AccountsFixture;
  const verify = (against?: string, principal = ACCOUNTS.auditorU1) => fx.get(VerifyLogHandler).execute(new VerifyLogQuery(principal, against));
  const unitDigest = async () => (await computeDigest(fx.store, { scope: unitScope('U1') })).digest;

  beforeEach(async () => {
    fx = await accountsFixture([VerifyLogHandler, LogScopes]);
  });
  afterEach(() => fx.close());

  it("checks every chain of the auditor's unit (the whole log for an installation administrator)", async () => {
    expect(await verify()).toEqual(expect.objectContaining({ ok: true, scope: 'unit.U1', events: 6, brokenCount: 0, broken: [] }));
    expect(await verify('   ')).toEqual(expect.objectContaining({ ok: true, scope: 'unit.U1', events: 6 }));
    expect(await verify(undefined, ACCOUNTS.root)).toEqual(expect.objectContaining({ ok: true, scope: 'all', events: 11 }));
  });

  it('proves the log up to a digest unchanged, and counts what came after it', async () => {
    const digest = await unitDigest();
    expect(await verify(` ${digest} `)).toMatchObject({ ok: true, rootMatches: true, eventsSince: 0, verify: { ok: true } });
    await fx.given({ type: 'DisableAccount', data: { accountId: 'acc-leader-u1', reason: '离任' } });
    expect(await verify(digest)).toMatchObject({ ok: true, rootMatches: true, eventsSince: 1 });
  });

  it('says so when the log up to the digest is not what it was', async () => {
    const digest = await unitDigest();
    const other = digest.replace(/[0-9a-f]{64}$/, '0'.repeat(64));
    expect(await verify(other)).toMatchObject({ ok: false, rootMatches: false });
  });

  it("refuses text that is not a digest, and another scope's digest", async () => {
    await expect(verify('v2:unit.U1:6:abc')).rejects.toMatchObject({ code: 'AUDIT.INVALID_DIGEST', kind: 'validation' });
    const whole = (await computeDigest(fx.store)).digest;
    await expect(verify(whole)).rejects.toMatchObject({ code: 'AUDIT.DIGEST_SCOPE', kind: 'validation' });
  });

  it("is the auditors' and administrators'", () => {
    expect(routeOf(VerifyLogHttpController, 'verify')).toMatchObject({ path: 'audit/verify', roles: ['auditor', 'administrator'] });
  });
});
