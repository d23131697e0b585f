import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import type { EventStore } from '@campaign-ledger/event-store';
import { EVENT_STORE } from '../infrastructure/tokens';
import { startApiTestApp, type ApiTestApp } from '../testing/api-test-app';

const JWT_SECRET = 'test-secret-test-secret-test-secret-42';

/** A token signed with the installation's key but shaped as we never issue it (to prove the guard refuses it). */
function forgedToken(payload: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${unsigned}.${createHmac('sha256', JWT_SECRET).update(unsigned).digest('base64url')}`;
}

describe.each(['postgres', 'embedded'] as const)('accounts and sign-in over HTTP on %s', (backend) => {
  let t: ApiTestApp;
  let admin: string;
  const auth = (token: string) => `Bearer ${token}`;
  const post = (token: string, path: string, body: object) => t.http.post(path).set('Authorization', auth(token)).send(body);
  const login = (username: string, password: string, from?: string) => {
    const request = t.http.post('/api/auth/login');
    if (from) request.set('X-Forwarded-For', from);
    return request.send({ username, password });
  };

  beforeAll(async () => {
    t = await startApiTestApp({ backend, env: { TRUST_PROXY: 'true' } });
    admin = await t.signIn({ username: 'admin', password: 'admin-password', role: 'administrator' });
    for (const unitId of ['U1', 'U2']) {
      await post(admin, '/api/units', { unitId, name: `单位${unitId}`, code: unitId }).expect(201);
      await post(admin, `/api/units/${unitId}/branches`, { branchId: 'B1', name: '第一支部', secretaryName: '张书记' }).expect(201);
    }
  });
  afterAll(() => t?.close());

  it('refuses a request without a token (401) and with a bad token', async () => {
    await t.http.get('/api/accounts').expect(401);
    await t.http.get('/api/accounts').set('Authorization', 'Bearer nonsense').expect(401);
  });

  it('refuses a token without an expiry or without an epoch, even when signed with the right key', async () => {
    await t.http
      .get('/api/auth/me')
      .set('Authorization', auth(forgedToken({ sub: 'acc-admin', ep: 0 })))
      .expect(401);
    await t.http
      .get('/api/auth/me')
      .set('Authorization', auth(forgedToken({ sub: 'acc-admin', exp: Math.floor(Date.now() / 1000) + 60 })))
      .expect(401);
    await t.http
      .get('/api/auth/me')
      .set('Authorization', auth(forgedToken({ sub: 'acc-admin', ep: 0, exp: Math.floor(Date.now() / 1000) + 60 })))
      .expect(200);
  });

  it('lets an administrator create a secretary who can then sign in; the token expires', async () => {
    const created = await post(admin, '/api/accounts', {
      username: 'sec-b1',
      displayName: '一支部书记',
      role: 'secretary',
      unitId: 'U1',
      branchId: 'B1',
      password: 'secret-b1-pass',
    }).expect(201);
    expect(created.body).toMatchObject({ username: 'sec-b1', role: 'secretary', unitId: 'U1', branchId: 'B1', disabled: false });
    const signedIn = await login('SEC-B1', 'secret-b1-pass').expect(200);
    expect(signedIn.body.account).toMatchObject({ role: 'secretary', branchId: 'B1', displayName: '一支部书记' });
    const claims = JSON.parse(Buffer.from(signedIn.body.token.split('.')[1], 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(12 * 3600);
    const listed = await t.http.get('/api/accounts').set('Authorization', auth(admin)).expect(200);
    expect(listed.body.every((a: Record<string, unknown>) => !('passwordHash' in a))).toBe(true);
    expect((await t.http.get('/api/auth/me').set('Authorization', auth(signedIn.body.token)).expect(200)).body.username).toBe('sec-b1');
  });

  it('refuses accounts in a unit or branch that does not exist, and non-administrators without a unit', async () => {
    await post(admin, '/api/accounts', { username: 'x1', displayName: 'x', role: 'secretary', unitId: 'U9', branchId: 'B1', password: 'long-enough' }).expect(
      404,
    );
    await post(admin, '/api/accounts', { username: 'x2', displayName: 'x', role: 'secretary', unitId: 'U1', branchId: 'B7', password: 'long-enough' }).expect(
      404,
    );
    const noUnit = await post(admin, '/api/accounts', { username: 'x3', displayName: 'x', role: 'auditor', password: 'long-enough' }).expect(400);
    expect(noUnit.body.error).toBe('ACCOUNT.UNIT_REQUIRED');
  });

  it('keeps every password hash out of the log, the answers and the history', async () => {
    await post(admin, '/api/accounts', { username: 'hashless', displayName: '审计', role: 'auditor', unitId: 'U1', password: 'a-secret-password' }).expect(201);
    const store = t.app.get<EventStore>(EVENT_STORE);
    const client = new Client({ connectionString: t.sqlUrl });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT data::text AS data FROM events');
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.some((row: { data: string }) => /scrypt|passwordHash|a-secret-password/.test(row.data))).toBe(false);
      const http = await client.query("SELECT coalesce(string_agg(body::text, ''), '') AS bodies FROM http_idempotency");
      expect(http.rows[0].bodies).not.toMatch(/scrypt|eyJ/);
    } finally {
      await client.end();
    }
    const events = await store.readStream('accounts');
    expect(JSON.stringify(events.map((e) => ({ data: e.data, metadata: e.metadata })))).not.toMatch(/scrypt|passwordHash/);
    const history = await t.http.get('/api/audit/history?stream=accounts&pageSize=1000').set('Authorization', auth(admin)).expect(200);
    expect(history.body.total).toBeGreaterThan(0);
    expect(JSON.stringify(history.body)).not.toMatch(/scrypt|passwordHash/);
  });

  it('lets a user change their own password: every earlier token stops at once, the new one works', async () => {
    await post(admin, '/api/accounts', { username: 'changer', displayName: '改密者', role: 'leading_group', unitId: 'U1', password: 'first-password' }).expect(
      201,
    );
    const first = (await login('changer', 'first-password').expect(200)).body.token;
    const second = (await login('changer', 'first-password').expect(200)).body.token;
    await post(first, '/api/auth/password', { currentPassword: 'wrong-password', newPassword: 'second-password' }).expect(403);
    await post(first, '/api/auth/password', { currentPassword: 'first-password', newPassword: 'short' }).expect(400);
    const changed = await post(first, '/api/auth/password', { currentPassword: 'first-password', newPassword: 'second-password' }).expect(200);
    await t.http.get('/api/auth/me').set('Authorization', auth(first)).expect(401);
    await t.http.get('/api/auth/me').set('Authorization', auth(second)).expect(401);
    await t.http.get('/api/auth/me').set('Authorization', auth(changed.body.token)).expect(200);
    await login('changer', 'first-password').expect(401);
    await login('changer', 'second-password').expect(200);
    const history = await t.http.get('/api/audit/history?stream=accounts&type=AccountPasswordChanged').set('Authorization', auth(admin)).expect(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({ type: 'AccountPasswordChanged', actor: expect.objectContaining({ role: 'leading_group' }) }),
    ]);
  });

  it('lets an administrator reset a password, disable and enable an account and change its role, each recorded with its actor', async () => {
    const created = await post(admin, '/api/accounts', {
      username: 'managed',
      displayName: '被管理者',
      role: 'secretary',
      unitId: 'U1',
      branchId: 'B1',
      password: 'managed-pass-1',
    }).expect(201);
    const id = created.body.accountId as string;
    const before = (await login('managed', 'managed-pass-1').expect(200)).body.token;

    await post(admin, `/api/accounts/${id}/password`, { password: 'managed-pass-2', reason: '忘记密码' }).expect(200);
    await t.http.get('/api/auth/me').set('Authorization', auth(before)).expect(401);
    await login('managed', 'managed-pass-1').expect(401);
    const afterReset = (await login('managed', 'managed-pass-2').expect(200)).body.token;

    await post(admin, `/api/accounts/${id}/disable`, {}).expect(400);
    const disabled = await post(admin, `/api/accounts/${id}/disable`, { reason: '调离' }).expect(200);
    expect(disabled.body.disabled).toBe(true);
    await t.http.get('/api/auth/me').set('Authorization', auth(afterReset)).expect(401);
    await login('managed', 'managed-pass-2').expect(401);
    await post(admin, `/api/accounts/${id}/enable`, { reason: '返岗' }).expect(200);
    await t.http.get('/api/auth/me').set('Authorization', auth(afterReset)).expect(401);
    const again = (await login('managed', 'managed-pass-2').expect(200)).body.token;

    const changed = await post(admin, `/api/accounts/${id}/role`, { role: 'auditor', reason: '改任审计' }).expect(200);
    expect(changed.body).toMatchObject({ role: 'auditor', unitId: 'U1', branchId: null });
    expect((await t.http.get('/api/auth/me').set('Authorization', auth(again)).expect(200)).body.role).toBe('auditor');
    await post(again, '/api/campaigns/c1/branches/B1/three-ones', {}).expect(403);

    const history = await t.http.get('/api/audit/history?stream=accounts&pageSize=1000').set('Authorization', auth(admin)).expect(200);
    const types = history.body.items
      .filter((e: { data: { accountId: string } }) => e.data.accountId === id)
      .map((e: { type: string; actor: { id: string } }) => [e.type, e.actor.id]);
    expect(types).toEqual([
      ['AccountCreated', 'acc-admin'],
      ['AccountPasswordReset', 'acc-admin'],
      ['AccountDisabled', 'acc-admin'],
      ['AccountEnabled', 'acc-admin'],
      ['AccountRoleChanged', 'acc-admin'],
    ]);
  });

  it("keeps a unit's administrator to the accounts of that unit", async () => {
    await post(admin, '/api/accounts', {
      username: 'u2-admin',
      displayName: '二单位管理员',
      role: 'administrator',
      unitId: 'U2',
      password: 'u2-admin-pass',
    }).expect(201);
    const u2Admin = (await login('u2-admin', 'u2-admin-pass').expect(200)).body.token;
    const u1Account = await post(admin, '/api/accounts', {
      username: 'u1-lead',
      displayName: '一单位领导',
      role: 'leading_group',
      unitId: 'U1',
      password: 'u1-lead-pass',
    }).expect(201);

    const listed = await t.http.get('/api/accounts').set('Authorization', auth(u2Admin)).expect(200);
    expect(listed.body.map((a: { username: string }) => a.username)).toEqual(['u2-admin']);
    await post(u2Admin, `/api/accounts/${u1Account.body.accountId}/password`, { password: 'stolen-password' }).expect(404);
    await post(u2Admin, `/api/accounts/${u1Account.body.accountId}/disable`, { reason: 'x' }).expect(404);
    await post(u2Admin, '/api/accounts', { username: 'u1-spy', displayName: 'x', role: 'auditor', unitId: 'U1', password: 'long-enough' }).expect(403);
    await post(u2Admin, '/api/accounts', { username: 'root2', displayName: 'x', role: 'administrator', password: 'long-enough' }).expect(403);
    const own = await post(u2Admin, '/api/accounts', {
      username: 'u2-sec',
      displayName: '二单位书记',
      role: 'secretary',
      branchId: 'B1',
      password: 'long-enough',
    }).expect(201);
    expect(own.body).toMatchObject({ unitId: 'U2', branchId: 'B1' });
    await post(u2Admin, '/api/units', { unitId: 'U3', name: 'x', code: 'x' }).expect(403);
    expect((await t.http.get('/api/units').set('Authorization', auth(u2Admin)).expect(200)).body.map((u: { unitId: string }) => u.unitId)).toEqual(['U2']);
  });

  it('never leaves the installation without an administrator', async () => {
    const me = (await t.http.get('/api/auth/me').set('Authorization', auth(admin)).expect(200)).body;
    const others = (await t.http.get('/api/accounts').set('Authorization', auth(admin)).expect(200)).body.filter(
      (a: { role: string; accountId: string; disabled: boolean }) => a.role === 'administrator' && a.accountId !== me.accountId && !a.disabled,
    );
    for (const other of others) await post(admin, `/api/accounts/${other.accountId}/disable`, { reason: '只留一个管理员' }).expect(200);
    const refused = await post(admin, `/api/accounts/${me.accountId}/disable`, { reason: 'leaving' }).expect(409);
    expect(refused.body.error).toBe('ACCOUNT.LAST_ADMINISTRATOR');
    await post(admin, `/api/accounts/${me.accountId}/role`, { role: 'auditor', unitId: 'U1' }).expect(409);
    for (const other of others) await post(admin, `/api/accounts/${other.accountId}/enable`, { reason: '恢复' }).expect(200);
  });

  it('creates accounts sent at once, each 201: a race on the accounts stream is retried inside the API, not answered 409', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        post(admin, '/api/accounts', { username: `burst-${i}`, displayName: `并发${i}`, role: 'auditor', unitId: 'U1', password: 'burst-password' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
  });

  it('answers bad input with 400 and field errors', async () => {
    const response = await post(admin, '/api/accounts', { username: 'a b', role: 'king', password: 'short', extra: 1 }).expect(400);
    const fields = response.body.fieldErrors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['displayName', 'extra', 'password', 'role', 'username']);
    await t.http.post('/api/accounts').set('Authorization', auth(admin)).set('Content-Type', 'application/json').send('{"username":').expect(400);
    await post(admin, '/api/accounts', { username: 'sec-x', displayName: 'x', role: 'secretary', unitId: 'U1', password: 'long-enough' }).expect(400);
  });

  it('replays a retried POST with the same Idempotency-Key and refuses the key for another body', async () => {
    const body = { username: 'leader1', displayName: '领导', role: 'leading_group', unitId: 'U1', password: 'leader-pass' };
    const first = await t.http.post('/api/accounts').set('Authorization', auth(admin)).set('Idempotency-Key', 'k-1').send(body).expect(201);
    const again = await t.http.post('/api/accounts').set('Authorization', auth(admin)).set('Idempotency-Key', 'k-1').send(body).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    await t.http
      .post('/api/accounts')
      .set('Authorization', auth(admin))
      .set('Idempotency-Key', 'k-1')
      .send({ ...body, username: 'leader2' })
      .expect(422);
    const conflict = await t.http.post('/api/accounts').set('Authorization', auth(admin)).send(body).expect(409);
    expect(conflict.body.error).toBe('ACCOUNT.USERNAME_TAKEN');
  });

  it('answers 400 to a keyed POST whose JSON holds a number too large to record (1e999), and creates nothing', async () => {
    const response = await t.http
      .post('/api/accounts')
      .set('Authorization', auth(admin))
      .set('Idempotency-Key', 'k-inf')
      .set('Content-Type', 'application/json')
      .send('{"username":"big-number","displayName":"x","role":"auditor","unitId":"U1","password":"long-enough","extra":1e999}')
      .expect(400);
    expect(response.body.message).toContain('1e999');
    const accounts = await t.http.get('/api/accounts').set('Authorization', auth(admin)).expect(200);
    expect(JSON.stringify(accounts.body)).not.toContain('big-number');
  });

  it('never stores a sign-in token for a replay', async () => {
    await post(admin, '/api/accounts', { username: 'keyed', displayName: 'k', role: 'auditor', unitId: 'U1', password: 'keyed-password' }).expect(201);
    const first = await t.http.post('/api/auth/login').set('Idempotency-Key', 'login-1').send({ username: 'keyed', password: 'keyed-password' }).expect(200);
    const second = await t.http.post('/api/auth/login').set('Idempotency-Key', 'login-1').send({ username: 'keyed', password: 'keyed-password' }).expect(200);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(first.body.token).toBeDefined();
  });

  it('limits failed log-ins per account and address, per account from everywhere, and attempts per address', async () => {
    await post(admin, '/api/accounts', { username: 'target', displayName: 't', role: 'auditor', unitId: 'U1', password: 'target-password' }).expect(201);
    // Successes do not count: a person signing in often is never locked out.
    for (let i = 0; i < 12; i += 1) await login('target', 'target-password', '10.0.9.1').expect(200);

    // Ten failures from one address lock that address out of the account, not the account's owner elsewhere.
    const fromOne: number[] = [];
    for (let i = 0; i < 12; i += 1) fromOne.push((await login('target', `wrong-${i}`, '10.0.0.1')).status);
    expect(fromOne.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(fromOne.slice(10)).toEqual([429, 429]);
    const locked = await login('target', 'target-password', '10.0.0.1');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.body).toMatchObject({ error: 'AUTH.TOO_MANY_ATTEMPTS', messageZh: expect.stringContaining('分钟') });
    await login('target', 'target-password', '10.0.0.2').expect(200);

    // Guessing from many addresses is stopped too, at a higher bar: 100 failures for the account in all.
    const spread: number[] = [];
    for (let i = 0; i < 100; i += 1) spread.push((await login('target', `wrong-${i}`, `10.1.${Math.floor(i / 9)}.${i % 9}`)).status);
    expect(spread.filter((s) => s === 429)).toHaveLength(10); // the first address's ten, still locked
    await login('target', 'target-password', '10.2.0.1').expect(429);

    // Every attempt counts per address: 30 a minute, whatever the account.
    const perAddress: number[] = [];
    for (let i = 0; i < 32; i += 1) perAddress.push((await login(`nobody-${i}`, 'whatever-pass', '192.0.2.7')).status);
    expect(perAddress.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(perAddress.slice(30)).toEqual([429, 429]);
    await login('keyed', 'keyed-password', '192.0.2.8').expect(200);
  });

  it('lets an auditor change their own password (the one write an auditor makes), and limits guesses of the current one as a log-in is limited', async () => {
    await post(admin, '/api/accounts', { username: 'auditor-self', displayName: 'a', role: 'auditor', unitId: 'U1', password: 'auditor-self-pass' }).expect(
      201,
    );
    const own = (await login('auditor-self', 'auditor-self-pass', '10.3.0.9').expect(200)).body.token;
    await t.http
      .post('/api/auth/password')
      .set('Authorization', auth(own))
      .send({ currentPassword: 'auditor-self-pass', newPassword: 'auditor-self-pass-2' })
      .expect(200);
    await login('auditor-self', 'auditor-self-pass-2', '10.3.0.9').expect(200);

    await post(admin, '/api/accounts', { username: 'guessed', displayName: 'g', role: 'auditor', unitId: 'U1', password: 'guessed-password' }).expect(201);
    const token = (await login('guessed', 'guessed-password', '10.3.0.1').expect(200)).body.token;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      statuses.push(
        (
          await t.http
            .post('/api/auth/password')
            .set('Authorization', auth(token))
            .set('X-Forwarded-For', '10.3.0.1')
            .send({ currentPassword: `wrong-${i}`, newPassword: 'a-new-password-1' })
        ).status,
      );
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(403));
    expect(statuses[10]).toBe(429);
    await t.http
      .post('/api/auth/password')
      .set('Authorization', auth(token))
      .set('X-Forwarded-For', '10.3.0.1')
      .send({ currentPassword: 'guessed-password', newPassword: 'a-new-password-1' })
      .expect(429);
  });
});
