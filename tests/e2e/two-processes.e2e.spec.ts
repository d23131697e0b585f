// Several API processes on one PostgreSQL, as a deployment behind a load balancer runs them: a token signed by one is
// accepted by the other (the signing key is the installation's, kept in the database), an evidence file uploaded
// through one is served by the other, log-in attempts are counted together, and a password changed through one ends
// the old tokens on the other.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@campaign-ledger/testing-support';
import { signInOver, startApiProcess, type ApiProcess } from './support/api-process';

jest.setTimeout(240_000);

const CAMPAIGN = 'demo-sdp-2009';

describe('two API processes on one PostgreSQL', () => {
  let database: TestDatabase;
  let dir: string;
  let first: ApiProcess;
  let second: ApiProcess;

  beforeAll(async () => {
    database = await createTestDatabase('cl_two');
    dir = mkdtempSync(join(tmpdir(), 'cl-two-'));
    // No JWT_SECRET and separate data directories: nothing is shared but the database.
    // Started at the same moment: both create their tables and the signing key at once, and must agree.
    [first, second] = await Promise.all([
      startApiProcess({ DATABASE_URL: database.url, DATA_DIR: join(dir, 'one'), DEMO_SEED: 'true' }),
      startApiProcess({ DATABASE_URL: database.url, DATA_DIR: join(dir, 'two'), DEMO_SEED: 'false' }),
    ]);
  });
  afterAll(async () => {
    for (const api of [first, second]) {
      if (!api) continue;
      api.signal('SIGTERM');
      await api.exited;
    }
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (api: ApiProcess, path: string, token: string) => fetch(`${api.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });

  it('accepts on one process a token signed by the other', async () => {
    const token = await signInOver(first.url, 'leader', 'leader-demo-2009');
    expect((await get(second, '/api/auth/me', token)).status).toBe(200);
    expect((await get(second, `/api/campaigns/${CAMPAIGN}/overview`, token)).status).toBe(200);
  });

  it('serves through one process the evidence file uploaded through the other', async () => {
    const secretary = await signInOver(first.url, 'sec-b03', 'sec-demo-2009');
    const instances = (await (await get(first, `/api/campaigns/${CAMPAIGN}/instances?branchId=B03`, secretary)).json()) as {
      instances: { key: string; status: string; scope: string }[];
    };
    const open = instances.instances.find((i) => i.status === 'open' && i.scope === 'branch');
    expect(open).toBeDefined();
    const form = new FormData();
    form.append('note', '两个进程共用材料');
    const content = Buffer.from(`支部会议记录 ${Date.now()}`);
    form.append('evidence', new Blob([content], { type: 'text/plain' }), '会议记录.txt');
    const completed = await fetch(`${first.url}/api/campaigns/${CAMPAIGN}/branches/B03/instances/${encodeURIComponent(open!.key)}/complete`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secretary}` },
      body: form,
    });
    expect(completed.status).toBe(201);
    const sha256 = ((await completed.json()) as { evidence: { sha256: string }[] }).evidence[0].sha256;
    const download = await get(second, `/api/evidence/${sha256}?campaignId=${CAMPAIGN}&branchId=B03`, secretary);
    expect(download.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await download.arrayBuffer()), content)).toBe(0);
  });

  it('counts log-in attempts across both processes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const api = i % 2 === 0 ? first : second;
      const response = await fetch(`${api.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'auditor', password: `wrong-${i}` }),
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('ends on the other process, within a second, the tokens of a password changed through one', async () => {
    const old = await signInOver(second.url, 'sec-b04', 'sec-demo-2009');
    expect((await get(first, '/api/auth/me', old)).status).toBe(200);
    const changed = await fetch(`${first.url}/api/auth/password`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${old}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ currentPassword: 'sec-demo-2009', newPassword: 'a-new-password-4' }),
    });
    expect(changed.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await get(second, '/api/auth/me', old)).status).toBe(401);
    expect((await get(second, '/api/auth/me', ((await changed.json()) as { token: string }).token)).status).toBe(200);
  });
});
