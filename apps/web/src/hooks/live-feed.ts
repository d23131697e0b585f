// A value that follows the server, without React: pushed by server-sent events when the stream answers, polled when
// it does not. useLive wraps it; it is plain code so that its ordering rules can be tested in node.
import { backoffDelay, type Backoff } from '../api/backoff';
import { STREAM_CLOSED, STREAM_CONNECTING, STREAM_OPEN, type StreamLike } from '../api/event-stream';

export { STREAM_CLOSED, type StreamLike } from '../api/event-stream';

/** live: pushed; polling: the stream is down, the value is read every pollMs; offline: the server cannot be reached. */
export type LiveMode = 'connecting' | 'live' | 'polling' | 'offline';

export interface LiveFeedOptions<T> {
  /** Reads the current value (also used by polling). */
  readonly fetch: (signal: AbortSignal) => Promise<T>;
  /** The SSE address (no credentials in it), or null for polling only. */
  readonly streamUrl: string | null;
  /** Applies a pushed message to the value at once (null: keep it); a full read follows every push either way. */
  readonly fromEvent?: (data: string, previous: T | null) => T | null;
  readonly pollMs: number;
  /** After failed reads, the next poll waits by this schedule instead of pollMs (default: from pollMs doubling to 30 s). */
  readonly retry?: Backoff;
  /** Whether a failed read means the server cannot be reached (mode `offline` until a read or the stream succeeds). */
  readonly unreachable?: (error: unknown) => boolean;
  /** Wait before opening a new stream after the server closed or refused one; doubles after each such failure, up to maxRetryStreamMs. */
  readonly retryStreamMs: number;
  /** Default: eight times retryStreamMs. */
  readonly maxRetryStreamMs?: number;
  /** Opens the stream, sending the credentials itself (none: poll only). */
  readonly openStream?: (url: string) => StreamLike;
  readonly onData: (value: T) => void;
  readonly onError: (error: unknown) => void;
  readonly onMode: (mode: LiveMode) => void;
}

export interface LiveFeed {
  /**
   * Reads the value again, as after the user's own write: a read already out began before it, so another read
   * follows it. Resolves once a read begun after the call has answered.
   */
  refresh(): Promise<void>;
  /**
   * The network is back (or the tab is shown again): connect and read now rather than at the end of the backoff. With
   * `dropStream` (the network went away), an open stream is dropped too: it may be dead without knowing it yet.
   */
  wake(options?: { readonly dropStream?: boolean }): void;
  close(): void;
}

interface Reading {
  readonly controller: AbortController;
  done: Promise<void>;
}

export function startLiveFeed<T>(options: LiveFeedOptions<T>): LiveFeed {
  let value: T | null = null;
  let closed = false;
  let stream: StreamLike | null = null;
  let pollTimer: ReturnType<typeof setTimeout> | null = null;
  let polling = false;
  /** Reads failed in a row: the next poll waits longer after each. */
  let readFailures = 0;
  let mode: LiveMode = 'connecting';
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Streams closed or refused in a row: each waits twice as long before the next attempt. */
  let streamFailures = 0;
  let reading: Reading | null = null;
  // Bumped by every push: a read that began before a push may carry older figures than the push; another read follows.
  let generation = 0;
  let readAgain = false;
  /** The generation the value shown was read at or pushed in: an answer to a read begun before it is older, and dropped. */
  let valueGeneration = 0;

  const setMode = (next: LiveMode) => {
    if (next === mode) return;
    mode = next;
    options.onMode(next);
  };
  /** What the feed is, with the stream open or not and the last read answered or not. */
  const settleMode = () => {
    if (stream?.readyState === STREAM_OPEN) setMode('live');
    else if (polling) setMode(readFailures > 0 && lastFailureUnreachable ? 'offline' : 'polling');
  };
  let lastFailureUnreachable = false;

  const set = (next: T) => {
    value = next;
    options.onData(next);
  };

  const read = (): Promise<void> => {
    if (reading) return reading.done; // the tick that finds a read running waits for it rather than piling up
    const startedAt = generation;
    // Marked as running before it starts: a fetch that fails at once must find itself here to clear.
    const entry: Reading = { controller: new AbortController(), done: Promise.resolve() };
    reading = entry;
    entry.done = (async () => {
      try {
        const next = await options.fetch(entry.controller.signal);
        if (closed) return;
        readFailures = 0;
        settleMode();
        if (startedAt >= valueGeneration) {
          valueGeneration = startedAt;
          set(next);
          options.onError(null);
        }
      } catch (error) {
        if (!closed && (error as Error)?.name !== 'AbortError') {
          readFailures += 1;
          lastFailureUnreachable = options.unreachable?.(error) ?? false;
          options.onError(error);
          settleMode();
        }
      } finally {
        if (reading === entry) reading = null;
      }
      if (readAgain && !closed) {
        readAgain = false;
        await read();
      }
    })();
    return entry.done;
  };

  const retry: Backoff = options.retry ?? { baseMs: options.pollMs, maxMs: 30_000 };
  /** The server is away and the stream is trying to connect again by itself (with its own backoff): that is the probe. */
  const streamProbing = () => readFailures > 0 && lastFailureUnreachable && stream?.readyState === STREAM_CONNECTING;
  /**
   * The next poll: pollMs after a good read, longer after each failed one (one read at a time, never piling up); none
   * while the stream's own reconnection probes an unreachable server (it reads again once it opens).
   */
  const schedulePoll = () => {
    if (!polling || pollTimer || closed || streamProbing()) return;
    pollTimer = setTimeout(
      () => {
        pollTimer = null;
        void read().then(schedulePoll);
      },
      readFailures === 0 ? options.pollMs : backoffDelay(readFailures, retry),
    );
  };
  const startPolling = () => {
    if (polling || closed) return;
    polling = true;
    setMode(readFailures > 0 && lastFailureUnreachable ? 'offline' : 'polling');
    schedulePoll();
  };
  const stopPolling = () => {
    polling = false;
    if (pollTimer) clearTimeout(pollTimer);
    pollTimer = null;
  };

  /** The server moved (or may have): a read running now began before that, so another read follows it. */
  const invalidate = (): Promise<void> => {
    generation += 1;
    if (!reading) return read();
    readAgain = true;
    return reading.done; // settles after the read that follows
  };
  const onPush = (event: MessageEvent<string>) => {
    if (closed) return;
    void invalidate();
    if (options.fromEvent) {
      try {
        const next = options.fromEvent(event.data, value);
        if (next !== null) {
          valueGeneration = generation;
          set(next);
        }
      } catch {
        // a malformed push: the read above brings the value anyway
      }
    }
  };

  const open = options.openStream ?? null;
  const connect = () => {
    retryTimer = null;
    if (!options.streamUrl || closed || !open) return startPolling();
    const source = open(options.streamUrl);
    stream = source;
    source.onopen = () => {
      streamFailures = 0;
      stopPolling();
      setMode('live');
      void invalidate(); // catch up on anything between the first read and the subscription
    };
    source.onmessage = onPush;
    source.addEventListener('overview', onPush);
    source.addEventListener('dashboard', onPush);
    source.onerror = () => {
      startPolling();
      schedulePoll();
      if (source.readyState === STREAM_CLOSED && stream === source) {
        source.close();
        stream = null;
        const wait = Math.min(options.retryStreamMs * 2 ** streamFailures, options.maxRetryStreamMs ?? options.retryStreamMs * 8);
        streamFailures += 1;
        retryTimer = setTimeout(connect, wait);
      }
    };
  };

  options.onMode('connecting');
  void read();
  connect();

  return {
    refresh: () => (closed ? Promise.resolve() : invalidate()),
    wake({ dropStream = false } = {}) {
      if (closed) return;
      if (options.streamUrl && open && (dropStream || stream?.readyState !== STREAM_OPEN)) {
        if (retryTimer) clearTimeout(retryTimer);
        stream?.close();
        stream = null;
        streamFailures = 0;
        // Until the new stream opens, the value is polled (and the feed says offline if the reads fail).
        startPolling();
        connect();
      }
      readFailures = 0;
      void invalidate();
    },
    close() {
      closed = true;
      stopPolling();
      if (retryTimer) clearTimeout(retryTimer);
      stream?.close();
      reading?.controller.abort();
      reading = null;
    },
  };
}
