// A writing transaction left open in another database of the same server holds the read models back (the event store
// hands out an event only once no older transaction is open). The projector status and health say so, with since
// when and which session, instead of "0 behind"; the web app reads the same from /api/projections/freshness.
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@campaign-ledger/testing-support';
import { startApiTestApp, type ApiTestApp } from '../testing/api-test-app';

jest.setTimeout(120_000);

describe('events held back by an open transaction elsewhere on the server', () => {
  let api: ApiTestApp;
  let other: TestDatabase;
  let holder: Client;
  let admin: string;
  let leader: string;

  beforeAll(async () => {
    api = await startApiTestApp({ unitId: 'U1' });
    admin = await api.signIn({ username: 'admin', password: 'admin-password', role: 'administrator' });
    await api.http.post('/api/units').set('Authorization', `Bearer ${admin}`).send({ unitId: 'U1', name: '市政协机关', code: 'U1' }).expect(201);
    leader = await api.signIn({ username: 'leader', password: 'leader-password', role: 'leading_group' });
    other = await createTestDatabase('cl_holder');
  });
  afterAll(async () => {
    await holder?.end().catch(() => undefined);
    await api?.close();
    await other?.drop();
  });

  it('reports the held-back events, since when and the holding session, and health turns degraded', async () => {
    // Other suites share the server: wait for a moment when none of their transactions holds our events back.
    for (const deadline = Date.now() + 30_000; ;) {
      const healthy = await api.http.get('/api/health').expect(200);
      if (healthy.body.projections.heldBack === null && !healthy.body.projections.delayed) break;
      if (Date.now() > deadline) throw new Error(`never current before the test: ${JSON.stringify(healthy.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    // Another database on the same server: a transaction that has written, left open.
    holder = new Client({ connectionString: other.url, application_name: 'forgotten psql' });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('CREATE TABLE bulk_load (n int)');
    const { rows } = await holder.query('SELECT pg_backend_pid() AS pid');

    await api.http
      .post('/api/units/U1/branches')
      .set('Authorization', `Bearer ${admin}`)
      .send({ branchId: 'B1', name: '第一支部', secretaryName: '张书记' })
      .expect(201);
    await new Promise((resolve) => setTimeout(resolve, 5_500));

    const status = await api.http.get('/api/projections/status').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(status.body.heldBack).toMatchObject({ events: expect.any(Number), holder: { pid: rows[0].pid, application: 'forgotten psql' } });
    expect(status.body.heldBack.events).toBeGreaterThanOrEqual(1);
    expect(Date.parse(status.body.heldBack.since)).not.toBeNaN();

    const health = await api.http.get('/api/health').expect(200);
    expect(health.body.status).toBe('degraded');
    expect(health.body.projections).toMatchObject({ delayed: true, heldBack: { blockingPid: rows[0].pid } });
    // The public answer names the blocking process, not the database, user or application.
    expect(JSON.stringify(health.body)).not.toContain('forgotten psql');

    const freshness = await api.http.get('/api/projections/freshness').set('Authorization', `Bearer ${leader}`).expect(200);
    expect(freshness.body).toMatchObject({ delayed: true, heldBack: { events: status.body.heldBack.events } });

    await holder.query('ROLLBACK');
    for (const deadline = Date.now() + 20_000; ;) {
      const after = await api.http.get('/api/projections/freshness').set('Authorization', `Bearer ${leader}`).expect(200);
      if (after.body.heldBack === null && !after.body.delayed) break;
      if (Date.now() > deadline) throw new Error(`still delayed after the transaction ended: ${JSON.stringify(after.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
});
