// A clean stop on SIGTERM / SIGINT: no new requests, live streams ended, requests in flight allowed to finish, then
// the application closed (projector, pools, the embedded database and its directory lock), all within a deadline.
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';

export interface ShutdownOptions {
  /** How long requests in flight may take to finish (default 3 s). */
  readonly drainMs?: number;
  /** The process exits by then whatever is still running (default 5 s): a stop never hangs. */
  readonly deadlineMs?: number;
  /** Called when the stop begins: end what never ends by itself (live streams). */
  readonly beforeDrain?: () => void;
  readonly log?: (line: string) => void;
}

interface Tracked {
  inFlight: number;
  draining: boolean;
  drained: (() => void) | null;
}

const trackers = new WeakMap<INestApplication, Tracked>();

/**
 * Counts requests in flight and, once stopping, answers new ones 503. Installed first, before the body parsers, so
 * that a request whose body is still arriving counts as in flight.
 */
export function trackRequests(app: INestApplication): void {
  const tracked: Tracked = { inFlight: 0, draining: false, drained: null };
  trackers.set(app, tracked);
  app.use(
    (
      request: unknown,
      response: {
        on(event: string, listener: () => void): void;
        setHeader(name: string, value: string): void;
        status(code: number): { json(body: unknown): void };
      },
      next: () => void,
    ) => {
      if (tracked.draining) {
        response.setHeader('Connection', 'close');
        response.setHeader('Retry-After', '5');
        response
          .status(503)
          .json({ statusCode: 503, error: 'SERVER.STOPPING', message: 'the server is stopping: try again in a moment', messageZh: '服务正在停止，请稍后重试' });
        return;
      }
      tracked.inFlight += 1;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        tracked.inFlight -= 1;
        if (tracked.inFlight === 0) tracked.drained?.();
      };
      response.on('finish', finish);
      response.on('close', finish);
      next();
    },
  );
}

/** Stops the application once; resolves when it is closed (or the deadline forced the exit code). */
export function gracefulStop(app: INestApplication, options: ShutdownOptions = {}): (signal: string) => Promise<number> {
  const tracked = trackers.get(app) ?? { inFlight: 0, draining: false, drained: null };
  let stopping: Promise<number> | null = null;
  const drainMs = options.drainMs ?? 3_000;
  const deadlineMs = options.deadlineMs ?? 5_000;
  const log = options.log ?? (() => undefined);
  return (signal) => {
    stopping ??= (async () => {
      const deadline = setTimeout(() => {
        log(`${signal}: not stopped within ${deadlineMs} ms; exiting now`);
        process.exit(1);
      }, deadlineMs);
      deadline.unref();
      log(`${signal}: stopping (no new requests; ${tracked.inFlight} in flight)`);
      tracked.draining = true;
      const server = app.getHttpServer() as Server;
      server.close();
      server.closeIdleConnections();
      options.beforeDrain?.();
      if (tracked.inFlight > 0) {
        await new Promise<void>((done) => {
          tracked.drained = done;
          setTimeout(done, drainMs).unref();
        });
      }
      server.closeAllConnections();
      await app.close();
      clearTimeout(deadline);
      log(`${signal}: stopped`);
      return 0;
    })();
    return stopping;
  };
}
