// SIGTERM and SIGINT stop the API cleanly: with a live overview stream open and a request still arriving, the request
// is answered, the stream ends, the process exits within 5 s and the data directory is free for the next start.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@campaign-ledger/testing-support';
import { signInOver, startApiProcess, type ApiProcess } from './support/api-process';

jest.setTimeout(240_000);

const CAMPAIGN = 'demo-sdp-2009';

/** Opens the live overview and resolves with the response once its first event has arrived; `ended` when it closes. */
function openStream(url: string, token: string): Promise<{ response: IncomingMessage; ended: Promise<number> }> {
  return new Promise((done, fail) => {
    const request = httpRequest(
      `${url}/api/campaigns/${CAMPAIGN}/overview/stream`,
      { headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' } },
      (response) => {
        const ended = new Promise<number>((end) => {
          response.on('end', () => end(Date.now()));
          response.on('close', () => end(Date.now()));
          response.on('error', () => end(Date.now()));
        });
        response.once('data', () => done({ response, ended }));
      },
    );
    request.on('error', fail);
    request.end();
  });
}

/** Sends a JSON POST whose body arrives in two parts: resolves `sent` after the first, `answer` with the status. */
function slowPost(url: string, path: string, token: string, body: object): { sendRest: () => void; answer: Promise<number> } {
  const text = JSON.stringify(body);
  const half = Math.floor(text.length / 2);
  let sendRest: () => void = () => undefined;
  const answer = new Promise<number>((done, fail) => {
    const request = httpRequest(
      `${url}${path}`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) },
      },
      (response) => {
        response.resume();
        response.on('end', () => done(response.statusCode ?? 0));
      },
    );
    request.on('error', fail);
    request.write(text.slice(0, half));
    sendRest = () => request.end(text.slice(half));
  });
  return { sendRest: () => sendRest(), answer };
}

async function openInstance(url: string, token: string, branchId: string): Promise<string> {
  const response = await fetch(`${url}/api/campaigns/${CAMPAIGN}/instances?branchId=${branchId}`, { headers: { Authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { instances: { instanceKey?: string; key?: string; status: string; scope: string }[] };
  const open = body.instances.find((i) => i.status === 'open' && i.scope === 'branch');
  if (!open) throw new Error(`no open branch instance in ${branchId}`);
  return (open.key ?? open.instanceKey) as string;
}

async function stopWith(api: ApiProcess, signal: NodeJS.Signals) {
  const leader = await signInOver(api.url, 'leader', 'leader-demo-2009');
  const secretary = await signInOver(api.url, 'sec-b01', 'sec-demo-2009');
  const stream = await openStream(api.url, leader);
  const key = await openInstance(api.url, secretary, 'B01');
  const inFlight = slowPost(api.url, `/api/campaigns/${CAMPAIGN}/branches/B01/instances/${encodeURIComponent(key)}/complete`, secretary, {
    note: '会议已召开，记录附后',
    completedOn: undefined,
  });
  await new Promise((r) => setTimeout(r, 200));
  const sentAt = Date.now();
  api.signal(signal);
  await new Promise((r) => setTimeout(r, 300));
  inFlight.sendRest();
  const status = await inFlight.answer;
  const endedAt = await stream.ended;
  const exit = await api.exited;
  return { status, streamEndedMs: endedAt - sentAt, exitMs: exit.at - sentAt, exit, key };
}

describe('clean stops', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cl-stop-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('on the embedded default: SIGTERM answers the request in flight, ends the stream, exits within 5 s and frees the data directory', async () => {
    const env = { DATA_DIR: join(dir, 'data'), DEMO_SEED: 'true' };
    const api = await startApiProcess(env);
    const outcome = await stopWith(api, 'SIGTERM');
    expect(outcome.status).toBe(201);
    expect(outcome.exit.code).toBe(0);
    expect(outcome.exitMs).toBeLessThan(5_000);
    expect(outcome.streamEndedMs).toBeLessThan(5_000);
    console.log(`SIGTERM on the embedded default: stream ended after ${outcome.streamEndedMs} ms, process exited after ${outcome.exitMs} ms`);

    // The directory is free again, and what was answered 201 is there.
    const again = await startApiProcess(env);
    try {
      const secretary = await signInOver(again.url, 'sec-b01', 'sec-demo-2009');
      const work = await fetch(`${again.url}/api/campaigns/${CAMPAIGN}/branches/B01/work`, { headers: { Authorization: `Bearer ${secretary}` } });
      expect(JSON.stringify(await work.json())).toContain('会议已召开，记录附后');
    } finally {
      again.signal('SIGINT');
      const exit = await again.exited;
      expect(exit.code).toBe(0);
    }
  });

  describe('on PostgreSQL', () => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await createTestDatabase('cl_stop');
    });
    afterEach(() => database.drop());

    it('SIGINT with the projector in its worker thread: the same, within 5 s', async () => {
      const api = await startApiProcess({ DATABASE_URL: database.url, DATA_DIR: join(dir, 'data'), DEMO_SEED: 'true' });
      const outcome = await stopWith(api, 'SIGINT');
      expect(outcome.status).toBe(201);
      expect(outcome.exit.code).toBe(0);
      expect(outcome.exitMs).toBeLessThan(5_000);
      console.log(`SIGINT on PostgreSQL: stream ended after ${outcome.streamEndedMs} ms, process exited after ${outcome.exitMs} ms`);
    });
  });
});
