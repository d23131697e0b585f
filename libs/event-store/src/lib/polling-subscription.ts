// Catch-up-then-live subscription over any backend that can read the log in order from a position.
import type { LogPosition, RecordedEvent, SubscribeToAllOptions, Subscription } from './types';

export interface PollingSource {
  /** Reads up to `max` events after `from` (exclusive) that are safe to deliver (none can appear before them later). */
  read(from: LogPosition | null, max: number): Promise<RecordedEvent[]>;
  /** Registers a callback fired when new events may be available; returns an unregister function. */
  onWake?(callback: () => void): () => void;
}

export interface PollingOptions {
  /** Longest sleep between polls when idle. */
  readonly maxIdleMs?: number;
  /** First sleep after an empty poll; doubles up to maxIdleMs. */
  readonly minIdleMs?: number;
}

export function pollingSubscription(source: PollingSource, options: SubscribeToAllOptions, polling: PollingOptions = {}): Subscription {
  const batchSize = options.batchSize ?? 500;
  const maxIdle = polling.maxIdleMs ?? 100;
  const minIdle = polling.minIdleMs ?? 5;
  let position: LogPosition | null = options.from ?? null;
  let stopped = false;
  let caughtUp = false;
  let wake: (() => void) | null = null;
  const unregister = source.onWake?.(() => wake?.());

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const run = async () => {
    let idle = minIdle;
    try {
      while (!stopped) {
        const events = await source.read(position, batchSize);
        if (stopped) break;
        if (events.length === 0) {
          caughtUp = true;
          await sleep(idle);
          idle = Math.min(idle * 2, maxIdle);
          continue;
        }
        idle = minIdle;
        await options.onEvents(events);
        position = events[events.length - 1].logPosition;
        if (events.length < batchSize) caughtUp = true;
      }
    } catch (error) {
      stopped = true;
      options.onError?.(error);
    } finally {
      unregister?.();
    }
  };
  const finished = run();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await finished;
    },
    finished,
    get position() {
      return position;
    },
    get caughtUp() {
      return caughtUp;
    },
  };
}
