import { ACCOUNTS_STREAM, organisationStream } from '@campaign-ledger/domain';
import type { EventStore } from '@campaign-ledger/event-store';
import { DEMO_UNIT_ID } from './demo-office';
import { loadConfig } from '@campaign-ledger/runtime';
import { EVENT_STORE } from '../infrastructure/tokens';
import { startApiTestApp, type ApiTestApp } from '../testing/api-test-app';
import { seedDemoIfEmpty } from './demo-seeder';

describe('first-run demo seed on real PostgreSQL', () => {
  let t: ApiTestApp;
  beforeEach(async () => {
    t = await startApiTestApp();
  });
  afterEach(() => t?.close());

  const config = (env: Record<string, string> = {}) => loadConfig({ DATABASE_URL: t.sqlUrl, ...env });

  it('is off on a configured PostgreSQL unless DEMO_SEED=true, then seeds once and lets the demo accounts sign in', async () => {
    expect(await seedDemoIfEmpty(t.app, config())).toEqual({ seeded: false, why: expect.stringContaining('off') });
    const outcome = await seedDemoIfEmpty(t.app, config({ DEMO_SEED: 'true' }));
    expect(outcome.seeded).toBe(true);
    const login = await t.http.post('/api/auth/login').send({ username: 'sec-b01', password: 'sec-demo-2009' }).expect(200);
    expect(login.body.account).toMatchObject({ role: 'secretary', branchId: 'B01' });
    const again = await seedDemoIfEmpty(t.app, config({ DEMO_SEED: 'true' }));
    expect(again).toEqual({ seeded: false, why: 'the event store already holds data' });
  });

  it('never writes into a store that already holds real data', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    await store.append('organisation-real', [{ type: 'UnitRegistered', data: { unitId: 'real', name: '真实单位', code: 'R' } }], {
      expectedRevision: 'no_stream',
      metadata: { actor: { id: 'a', role: 'administrator' } },
    });
    // Wait until the log shows it (another suite's open transaction can hold PostgreSQL's xmin horizon back).
    for (const deadline = Date.now() + 15_000; (await store.readAll()).length === 0 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await seedDemoIfEmpty(t.app, config({ DEMO_SEED: 'true' }))).seeded).toBe(false);
    expect(await store.streamHead(organisationStream(DEMO_UNIT_ID))).toBeNull();
    expect(await store.streamHead(ACCOUNTS_STREAM)).toBeNull();
  });
});
