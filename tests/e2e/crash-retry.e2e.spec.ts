// A retry with the same Idempotency-Key after the API was killed (kill -9) in the middle of a request: it gets the
// original answer when the write had committed, and the write runs anew when it had not — never "still in progress"
// for ever, never twice. On the embedded default and on PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@campaign-ledger/testing-support';
import { signInOver, startApiProcess } from './support/api-process';

jest.setTimeout(300_000);

const CAMPAIGN = 'demo-sdp-2009';

async function openBranchInstance(url: string, token: string, branchId: string, skip = 0): Promise<string> {
  const response = await fetch(`${url}/api/campaigns/${CAMPAIGN}/instances?branchId=${branchId}`, { headers: { Authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { instances: { key: string; status: string; scope: string }[] };
  const open = body.instances.filter((i) => i.status === 'open' && i.scope === 'branch');
  if (open.length <= skip) throw new Error(`not enough open branch instances in ${branchId}`);
  return open[skip].key;
}

const complete = (url: string, token: string, key: string, idempotencyKey: string) =>
  fetch(`${url}/api/campaigns/${CAMPAIGN}/branches/B02/instances/${encodeURIComponent(key)}/complete`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
    body: JSON.stringify({ note: `完成 ${idempotencyKey}`, completedOn: '2026-12-01' }),
  });

async function completions(url: string, token: string, key: string): Promise<number> {
  const response = await fetch(`${url}/api/audit/history?campaignId=${CAMPAIGN}&branchId=B02&type=TaskCompleted&pageSize=1000`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as { items: { data: { instanceKey: string } }[] };
  return body.items.filter((item) => item.data.instanceKey === key).length;
}

function describeOn(name: string, environment: () => Promise<{ env: Record<string, string>; cleanUp: () => Promise<void> }>) {
  describe(name, () => {
    let env: Record<string, string>;
    let cleanUp: () => Promise<void>;
    beforeEach(async () => ({ env, cleanUp } = await environment()));
    afterEach(() => cleanUp());

    it('answers a retry with the original answer when the write committed before the crash, and runs it anew when it had not', async () => {
      // 1. Killed between the commit and the answer.
      const crashing = await startApiProcess({ ...env, DEMO_SEED: 'true', LEDGER_FAULT: 'after-commit-before-answer' });
      let token = await signInOver(crashing.url, 'sec-b02', 'sec-demo-2009');
      const committed = await openBranchInstance(crashing.url, token, 'B02');
      await expect(complete(crashing.url, token, committed, 'retry-1')).rejects.toThrow();
      expect((await crashing.exited).signal).toBe('SIGKILL');

      let api = await startApiProcess(env);
      try {
        token = await signInOver(api.url, 'sec-b02', 'sec-demo-2009');
        const retried = await complete(api.url, token, committed, 'retry-1');
        const body = await retried.json();
        expect(retried.status).toBe(201);
        expect(body).toMatchObject({ instanceKey: committed, status: 'completed', alreadyDone: false, completedOn: '2026-12-01' });
        const again = await complete(api.url, token, committed, 'retry-1');
        expect(again.status).toBe(201);
        expect(again.headers.get('idempotent-replayed')).toBe('true');
        expect(await again.json()).toEqual(body);
        const leader = await signInOver(api.url, 'leader', 'leader-demo-2009');
        expect(await completions(api.url, leader, committed)).toBe(1);
      } finally {
        api.signal('SIGTERM');
        await api.exited;
      }

      // 2. Killed after taking the key, before writing anything.
      const early = await startApiProcess({ ...env, LEDGER_FAULT: 'after-claim-before-write' });
      token = await signInOver(early.url, 'sec-b02', 'sec-demo-2009');
      const notCommitted = await openBranchInstance(early.url, token, 'B02');
      await expect(complete(early.url, token, notCommitted, 'retry-2')).rejects.toThrow();
      expect((await early.exited).signal).toBe('SIGKILL');

      api = await startApiProcess(env);
      try {
        token = await signInOver(api.url, 'sec-b02', 'sec-demo-2009');
        const retried = await complete(api.url, token, notCommitted, 'retry-2');
        expect(retried.status).toBe(201);
        expect(await retried.json()).toMatchObject({ instanceKey: notCommitted, status: 'completed', alreadyDone: false });
        const leader = await signInOver(api.url, 'leader', 'leader-demo-2009');
        expect(await completions(api.url, leader, notCommitted)).toBe(1);
      } finally {
        api.signal('SIGTERM');
        await api.exited;
      }
    });
  });
}

describeOn('on the embedded default', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-crash-'));
  return { env: { DATA_DIR: join(dir, 'data') }, cleanUp: async () => rmSync(dir, { recursive: true, force: true }) };
});

describeOn('on PostgreSQL', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-crash-'));
  const database: TestDatabase = await createTestDatabase('cl_crash');
  return {
    env: { DATABASE_URL: database.url, DATA_DIR: join(dir, 'data') },
    cleanUp: async () => {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
