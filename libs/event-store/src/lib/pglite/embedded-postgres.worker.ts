// The embedded server's thread (started by embedded-postgres.ts): PGlite on the data directory, served on a loopback
// port by pglite-socket's connection handler over a queue that lends the one session to one connection at a time.
import { createServer, type Server } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import type { EmbeddedWorkerData, EmbeddedWorkerMessage } from './embedded-postgres';
import { ExclusiveSessionQueue } from './session-queue';

class SessionSocketServer {
  private readonly handlers = new Set<PGLiteSocketHandler>();
  private readonly server: Server;

  constructor(
    private readonly queue: ExclusiveSessionQueue,
    maxConnections: number,
  ) {
    this.server = createServer((socket) => {
      if (this.handlers.size >= maxConnections) {
        socket.end('Too many connections\n');
        return;
      }
      // The handler only calls enqueue / clearQueueForHandler / clearTransactionIfNeeded / getQueueLength; its option
      // is typed as the package's own queue class, whose private members no other class can match.
      const handler = new PGLiteSocketHandler({ queryQueue: this.queue as unknown as PGLiteSocketHandlerOptions['queryQueue'], closeOnDetach: true });
      const forget = () => this.handlers.delete(handler);
      handler.addEventListener('close', forget);
      handler.addEventListener('error', forget);
      this.handlers.add(handler);
      handler.attach(socket).catch(() => {
        forget();
        socket.destroy();
      });
    });
    this.server.maxConnections = maxConnections;
  }

  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const address = this.server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  /** Stops accepting, closes every connection (rolling back what the session's owner left open), lets the queue drain. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    await Promise.all([...this.handlers].map((handler) => handler.detach(true)));
    this.handlers.clear();
    await closed;
    await this.queue.idle();
  }
}

const data = workerData as EmbeddedWorkerData;
const post = (message: EmbeddedWorkerMessage) => parentPort?.postMessage(message);
const describe = (error: unknown) => String((error instanceof Error && error.stack) || error);

void (async () => {
  let db: PGlite | null = null;
  let server: SessionSocketServer;
  try {
    db = await PGlite.create(data.dataDir);
    server = new SessionSocketServer(new ExclusiveSessionQueue(db), data.maxConnections);
    post({ type: 'started', port: await server.listen(data.host, data.port) });
  } catch (error) {
    await db?.close().catch(() => undefined);
    post({ type: 'failed', message: describe(error) });
    return;
  }
  const open = db;
  parentPort?.on('message', async (message: { type?: string } | null) => {
    if (message?.type !== 'stop') return;
    try {
      await server.close();
      await open.close();
      post({ type: 'stopped' });
    } catch (error) {
      post({ type: 'stopped', error: describe(error) });
    }
  });
})();
