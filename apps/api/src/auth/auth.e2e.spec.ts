import { startApiTestApp, type ApiTestApp } from '../testing/api-test-app';

describe('accounts and sign-in over HTTP on real PostgreSQL', () => {
  let t: ApiTestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startApiTestApp();
    admin = await t.signIn({ username: 'admin', password: 'admin-password', role: 'administrator' });
  });
  afterAll(() => t?.close());

  it('refuses a request without a token (401) and with a bad token', async () => {
    await t.http.get('/api/accounts').expect(401);
    await t.http.get('/api/accounts').set('Authorization', 'Bearer nonsense').expect(401);
  });

  it('lets an administrator create a secretary who can then sign in', async () => {
    const created = await t.http.post('/api/accounts').set('Authorization', `Bearer ${admin}`)
      .send({ username: 'sec-b1', displayName: '一支部书记', role: 'secretary', branchId: 'B1', password: 'secret-b1-pass' })
      .expect(201);
    expect(created.body).toMatchObject({ username: 'sec-b1', role: 'secretary', branchId: 'B1' });
    const login = await t.http.post('/api/auth/login').send({ username: 'SEC-B1', password: 'secret-b1-pass' }).expect(200);
    expect(login.body.account).toMatchObject({ role: 'secretary', branchId: 'B1' });
    const listed = await t.http.get('/api/accounts').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(listed.body.every((a: Record<string, unknown>) => !('passwordHash' in a))).toBe(true);
  });

  it('forbids a non-administrator from creating accounts and writes nothing', async () => {
    const auditor = await t.signIn({ username: 'auditor', password: 'auditor-password', role: 'auditor' });
    const before = await t.http.get('/api/accounts').set('Authorization', `Bearer ${admin}`);
    await t.http.post('/api/accounts').set('Authorization', `Bearer ${auditor}`)
      .send({ username: 'x-user', displayName: 'x', role: 'auditor', password: 'long-enough' })
      .expect(403);
    const after = await t.http.get('/api/accounts').set('Authorization', `Bearer ${admin}`);
    expect(after.body).toHaveLength(before.body.length);
  });

  it('answers bad input with 400 and field errors', async () => {
    const response = await t.http.post('/api/accounts').set('Authorization', `Bearer ${admin}`)
      .send({ username: 'a b', role: 'king', password: 'short', extra: 1 }).expect(400);
    const fields = response.body.fieldErrors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['displayName', 'extra', 'password', 'role', 'username']);
    await t.http.post('/api/accounts').set('Authorization', `Bearer ${admin}`).set('Content-Type', 'application/json').send('{"username":').expect(400);
    await t.http.post('/api/accounts').set('Authorization', `Bearer ${admin}`)
      .send({ username: 'sec-x', displayName: 'x', role: 'secretary', password: 'long-enough' }).expect(400);
  });

  it('replays a retried POST with the same Idempotency-Key and refuses the key for another body', async () => {
    const body = { username: 'leader1', displayName: '领导', role: 'leading_group', password: 'leader-pass' };
    const first = await t.http.post('/api/accounts').set('Authorization', `Bearer ${admin}`).set('Idempotency-Key', 'k-1').send(body).expect(201);
    const again = await t.http.post('/api/accounts').set('Authorization', `Bearer ${admin}`).set('Idempotency-Key', 'k-1').send(body).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    await t.http.post('/api/accounts').set('Authorization', `Bearer ${admin}`).set('Idempotency-Key', 'k-1')
      .send({ ...body, username: 'leader2' }).expect(422);
    const conflict = await t.http.post('/api/accounts').set('Authorization', `Bearer ${admin}`).send(body).expect(409);
    expect(conflict.body.error).toBe('ACCOUNT.USERNAME_TAKEN');
  });

  it('answers 400 to a keyed POST whose JSON holds a number too large to record (1e999), and creates nothing', async () => {
    const response = await t.http.post('/api/accounts').set('Authorization', `Bearer ${admin}`).set('Idempotency-Key', 'k-inf')
      .set('Content-Type', 'application/json')
      .send('{"username":"big-number","displayName":"x","role":"auditor","password":"long-enough","extra":1e999}').expect(400);
    expect(response.body.message).toContain('1e999');
    const accounts = await t.http.get('/api/accounts').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(JSON.stringify(accounts.body)).not.toContain('big-number');
  });

  it('rate-limits log-in attempts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      statuses.push((await t.http.post('/api/auth/login').send({ username: 'admin', password: `wrong-${i}` })).status);
    }
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
    expect(statuses).toContain(429);
  });
});
