import { EventStreamParser, openFetchEventStream, STREAM_CLOSED, STREAM_CONNECTING, STREAM_OPEN, type StreamLike } from './event-stream';

describe('event stream parser', () => {
  it('reads named events, joins data lines, skips comments, whatever the chunking and line endings', () => {
    const text = ': hello\r\nevent: overview\r\ndata: {"a":1,\r\ndata: "b":2}\r\n\r\nid: 7\nretry: 1500\ndata:plain\n\nevent: other\rdata: x\r\r';
    const whole = new EventStreamParser().push(text);
    expect(whole).toEqual([
      { type: 'overview', data: '{"a":1,\n"b":2}', lastEventId: '' },
      { type: 'message', data: 'plain', lastEventId: '7' },
      { type: 'other', data: 'x', lastEventId: '7' },
    ]);
    // The same text one character at a time (a CRLF split in two included) gives the same events.
    const parser = new EventStreamParser();
    const bits = [...text].flatMap((c) => parser.push(c));
    expect(bits).toEqual(whole);
    expect(parser.retry).toBe(1500);
  });

  it('drops a leading BOM, an event without data, and an unfinished event at the end', () => {
    const parser = new EventStreamParser();
    expect(parser.push('\uFEFFevent: overview\n\ndata: 1\n\ndata: unfinished')).toEqual([{ type: 'message', data: '1', lastEventId: '' }]);
  });
});

/** A server the test feeds: each connection gets a body the test writes to, or an answer it chooses. */
function fakeServer() {
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const bodies: ReadableStreamDefaultController<Uint8Array>[] = [];
  let next: (() => Response) | null = null;
  const fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    requests.push({ url: String(url), headers: { ...(init?.headers as Record<string, string>) } });
    if (next) {
      const answer = next();
      next = null;
      return answer;
    }
    const body = new ReadableStream<Uint8Array>({ start: (controller) => void bodies.push(controller) });
    init?.signal?.addEventListener('abort', () => {
      try {
        bodies[bodies.length - 1].error(new DOMException('aborted', 'AbortError'));
      } catch {
        // already closed
      }
    });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  };
  return {
    fetch: fetch as typeof globalThis.fetch,
    requests,
    send: (i: number, text: string) => bodies[i].enqueue(new TextEncoder().encode(text)),
    end: (i: number) => bodies[i].close(),
    answerNext: (response: () => Response) => void (next = response),
  };
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
};

function record(stream: StreamLike) {
  const log: string[] = [];
  stream.onopen = () => log.push('open');
  stream.onerror = () => log.push(`error:${stream.readyState}`);
  stream.addEventListener('overview', (e) => log.push(`overview:${e.data}`));
  return log;
}

describe('event stream over fetch', () => {
  beforeEach(() => void jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] }));
  afterEach(() => void jest.useRealTimers());

  it('sends the Authorization header (read at every connection), never a token in the address', async () => {
    const server = fakeServer();
    let token = 'first';
    const stream = openFetchEventStream('/api/campaigns/c1/overview/stream', { fetch: server.fetch, headers: () => ({ Authorization: `Bearer ${token}` }) });
    const log = record(stream);
    await settle();
    expect(stream.readyState).toBe(STREAM_OPEN);
    server.send(0, 'event: overview\ndata: {"n":1}\n\n');
    await settle();
    expect(log).toEqual(['open', 'overview:{"n":1}']);

    // The connection drops: connecting again, after a wait, with the token as it is then.
    token = 'second';
    server.end(0);
    await settle();
    expect(log[log.length - 1]).toBe(`error:${STREAM_CONNECTING}`);
    jest.advanceTimersByTime(3_000);
    await settle();
    expect(server.requests.map((r) => [r.url, r.headers.Authorization])).toEqual([
      ['/api/campaigns/c1/overview/stream', 'Bearer first'],
      ['/api/campaigns/c1/overview/stream', 'Bearer second'],
    ]);
    expect(server.requests.every((r) => !/token/i.test(r.url))).toBe(true);
    expect(stream.readyState).toBe(STREAM_OPEN);
    stream.close();
    expect(stream.readyState).toBe(STREAM_CLOSED);
  });

  it('waits longer after each failed connection, and starts again from the shortest wait once one opens', async () => {
    const server = fakeServer();
    const refused = () => Promise.reject(new TypeError('Failed to fetch'));
    let failing = true;
    const fetch = ((url: string, init?: RequestInit) =>
      failing ? (server.requests.push({ url, headers: {} }), refused()) : server.fetch(url, init)) as typeof globalThis.fetch;
    const stream = openFetchEventStream('/s', { fetch, reconnectMs: 1_000, maxReconnectMs: 4_000 });
    record(stream);
    await settle();
    const attemptsAfter = async (ms: number) => {
      jest.advanceTimersByTime(ms);
      await settle();
      return server.requests.length;
    };
    expect(server.requests).toHaveLength(1);
    expect(await attemptsAfter(999)).toBe(1);
    expect(await attemptsAfter(1)).toBe(2); // 1 s
    expect(await attemptsAfter(1_999)).toBe(2);
    expect(await attemptsAfter(1)).toBe(3); // 2 s
    expect(await attemptsAfter(4_000)).toBe(4); // 4 s
    failing = false;
    expect(await attemptsAfter(4_000)).toBe(5); // capped at 4 s; this one opens
    expect(stream.readyState).toBe(STREAM_OPEN);
    server.end(0);
    await settle();
    expect(await attemptsAfter(1_000)).toBe(6); // back to 1 s
    stream.close();
  });

  it('an answer that is not a stream closes it for good and reports the status (a 401 signs out)', async () => {
    const server = fakeServer();
    server.answerNext(() => new Response('{"message":"sign in"}', { status: 401, headers: { 'Content-Type': 'application/json' } }));
    const refused: number[] = [];
    const stream = openFetchEventStream('/s', { fetch: server.fetch, onRefused: (status) => refused.push(status) });
    const log = record(stream);
    await settle();
    expect(refused).toEqual([401]);
    expect(log).toEqual([`error:${STREAM_CLOSED}`]);
    jest.advanceTimersByTime(60_000);
    await settle();
    expect(server.requests).toHaveLength(1);
  });

  it('a stream silent for longer than idleTimeoutMs is taken for dead and reconnected; heartbeats keep it open', async () => {
    const server = fakeServer();
    const stream = openFetchEventStream('/s', { fetch: server.fetch, idleTimeoutMs: 45_000, reconnectMs: 1_000 });
    const log = record(stream);
    await settle();
    for (let i = 0; i < 4; i++) {
      jest.advanceTimersByTime(15_000);
      server.send(0, 'event: heartbeat\ndata: {}\n\n');
      await settle();
    }
    expect(server.requests).toHaveLength(1);
    expect(stream.readyState).toBe(STREAM_OPEN);
    jest.advanceTimersByTime(44_999);
    await settle();
    expect(log).toEqual(['open']);
    jest.advanceTimersByTime(1);
    await settle();
    expect(log).toEqual(['open', `error:${STREAM_CONNECTING}`]);
    jest.advanceTimersByTime(1_000);
    await settle();
    expect(server.requests).toHaveLength(2);
    expect(stream.readyState).toBe(STREAM_OPEN);
    stream.close();
  });

  it('after close, nothing more is dispatched and no reconnection happens', async () => {
    const server = fakeServer();
    const stream = openFetchEventStream('/s', { fetch: server.fetch });
    const log = record(stream);
    await settle();
    stream.close();
    await settle();
    jest.advanceTimersByTime(60_000);
    await settle();
    expect(log).toEqual(['open']);
    expect(server.requests).toHaveLength(1);
  });
});
