// Runs without a KurrentDB server: a peer that never answers and a closed port must fail fast, not hang.
import { createServer, type Server, type Socket } from 'node:net';
import { EventStoreUnavailableError } from '../errors';
import type { AppendOptions } from '../types';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { withTimeout } from './with-timeout';

const TIMEOUT_MS = 500;
const SLACK_MS = 1500;
const options: AppendOptions = { expectedRevision: 'any', metadata: { actor: { id: 'u-1', role: 'admin' } } };

async function elapsed<T>(run: () => Promise<T>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  try {
    await run();
    return { error: undefined, ms: Date.now() - started };
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
}

describe('withTimeout', () => {
  it('resolves with the value when the promise settles in time', async () => {
    await expect(withTimeout(Promise.resolve(42), 100, 'x')).resolves.toBe(42);
  });

  it('passes the original rejection through', async () => {
    const failure = new Error('boom');
    await expect(withTimeout(Promise.reject(failure), 100, 'x')).rejects.toBe(failure);
  });

  it('rejects with EventStoreUnavailableError naming the operation when the promise never settles', async () => {
    const { error, ms } = await elapsed(() => withTimeout(new Promise<never>(() => undefined), 50, 'append(s-1)'));
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as Error).message).toContain('append(s-1)');
    expect((error as Error).message).toContain('50 ms');
    expect(ms).toBeGreaterThanOrEqual(45);
  });

  it('does not report a rejection that comes after the timeout as unhandled', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const late = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('late')), 30));
      await expect(withTimeout(late, 10, 'late')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('refuses a non-positive timeout', () => {
    expect(() => withTimeout(Promise.resolve(1), 0, 'x')).toThrow(RangeError);
  });
});

describe('KurrentDbEventStore against a peer that accepts and never answers', () => {
  let server: Server;
  const sockets = new Set<Socket>();
  let store: KurrentDbEventStore;

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    store = new KurrentDbEventStore(`kurrentdb://127.0.0.1:${port}?tls=false`, undefined, { timeoutMs: TIMEOUT_MS });
  });

  afterAll(async () => {
    await store.close();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it.each([
    ['append (any: reads the head first)', () => store.append('s-hang', [{ type: 'Noted', data: { n: 1 } }], options)],
    [
      "append (no_stream: straight to the client's append, which hangs for ever)",
      () => store.append('s-hang', [{ type: 'Noted', data: {} }], { ...options, expectedRevision: 'no_stream' }),
    ],
    ['append with an idempotency key', () => store.append('s-hang', [{ type: 'Noted', data: {} }], { ...options, idempotencyKey: 'k-1' })],
    ['append at a revision', () => store.append('s-hang', [{ type: 'Noted', data: {} }], { ...options, expectedRevision: 3 })],
    ['readStream', () => store.readStream('s-hang')],
    ['readAll', () => store.readAll({ maxCount: 10 })],
    ['streamHead', () => store.streamHead('s-hang')],
    ['status', () => store.status()],
  ])('%s rejects with EventStoreUnavailableError after about timeoutMs', async (_name, run) => {
    const { error, ms } = await elapsed(run as () => Promise<unknown>);
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as Error).message).toMatch(/did not answer within 500 ms/);
    if (_name.startsWith('append (no_stream')) expect((error as Error).message).toContain('append(s-hang)');
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  });

  it('a subscription can be stopped while the server never answers', async () => {
    const onEvents = jest.fn(async () => undefined);
    const subscription = store.subscribeToAll({ onEvents });
    const { ms } = await elapsed(() => subscription.stop());
    expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    expect(onEvents).not.toHaveBeenCalled();
  });
});

describe('KurrentDbEventStore against a closed port', () => {
  let store: KurrentDbEventStore;

  beforeAll(async () => {
    // Take a free port, then release it so nothing listens there.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    store = new KurrentDbEventStore(`kurrentdb://127.0.0.1:${port}?tls=false`, undefined, { timeoutMs: 5000 });
  });

  afterAll(async () => {
    await store.close();
  });

  it("append rejects with EventStoreUnavailableError (the client's plain Error with code 14)", async () => {
    const { error, ms } = await elapsed(() => store.append('s-closed', [{ type: 'Noted', data: {} }], { ...options, expectedRevision: 'no_stream' }));
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as Error).message).not.toMatch(/did not answer/);
    expect(ms).toBeLessThan(5000);
  });

  it("readStream rejects with EventStoreUnavailableError (the client's UnavailableError)", async () => {
    const { error } = await elapsed(() => store.readStream('s-closed'));
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as Error).message).not.toMatch(/did not answer/);
  });

  it('a closed store refuses calls with EventStoreUnavailableError', async () => {
    const closed = new KurrentDbEventStore('kurrentdb://127.0.0.1:1?tls=false', undefined, { timeoutMs: 200 });
    await closed.close();
    await expect(closed.readStream('s')).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });
});
