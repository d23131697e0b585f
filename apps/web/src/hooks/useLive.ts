// Data that follows the server: pushed by server-sent events when the stream answers, polled every 1.5 s only while it
// does not, and less and less often (1 s doubling to 30 s) while the server cannot be reached.
import { useCallback, useEffect, useRef, useState } from 'react';
import { RETRY_BACKOFF } from '../api/backoff';
import { isUnreachable, openEventStream } from '../api/client';
import { connectivity } from './connectivity';
import { startLiveFeed, type LiveFeed, type LiveMode } from './live-feed';

export type { LiveMode } from './live-feed';
export const POLL_MS = 1500;
const SSE_RETRY_MS = 30_000;

interface Options<T> {
  /** Reads the current value (also used by polling). */
  readonly fetch: (signal: AbortSignal) => Promise<T>;
  /** The SSE address (opened with the session's Authorization header, never a token in the address), or null for polling only. */
  readonly streamUrl: string | null;
  /** Applies a pushed message to the value at once (null: keep it); a full read follows every push either way. */
  readonly fromEvent?: (data: string, previous: T | null) => T | null;
  /** Changing it starts over (another campaign, another branch). */
  readonly key: string;
  /** Polling interval when there is no stream (default 1.5 s). */
  readonly pollMs?: number;
}

export function useLive<T>({ fetch, streamUrl, fromEvent, key, pollMs = POLL_MS }: Options<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [mode, setMode] = useState<LiveMode>('connecting');
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);
  const fetchRef = useRef(fetch);
  const fromEventRef = useRef(fromEvent);
  /** The feed's mode as it last said, at once (the state above follows at the next render). */
  const modeRef = useRef<LiveMode>('connecting');
  fetchRef.current = fetch;
  fromEventRef.current = fromEvent;
  const feed = useRef<LiveFeed | null>(null);

  useEffect(() => {
    setData(null);
    setError(null);
    const started = startLiveFeed<T>({
      fetch: (signal) => fetchRef.current(signal),
      streamUrl,
      fromEvent: fromEventRef.current ? (text, previous) => fromEventRef.current?.(text, previous) ?? null : undefined,
      pollMs,
      retry: RETRY_BACKOFF,
      unreachable: isUnreachable,
      retryStreamMs: SSE_RETRY_MS,
      openStream: openEventStream,
      onData: (value) => {
        setData(value);
        setUpdatedAt(Date.now());
        connectivity.report(true);
      },
      onError: setError,
      onMode: (next) => {
        modeRef.current = next;
        setMode(next);
        if (next === 'offline') connectivity.report(false);
        else if (next === 'live') connectivity.report(true);
      },
    });
    feed.current = started;
    return () => {
      started.close();
      if (feed.current === started) feed.current = null;
    };
  }, [key, streamUrl, pollMs]);

  // Back online, or back on the tab: connect and read at once rather than at the end of the backoff. Gone offline: the
  // open stream may be dead without knowing it; connect again, to find out.
  useEffect(() => {
    const wake = () => feed.current?.wake();
    const offline = () => feed.current?.wake({ dropStream: true });
    const visible = () => {
      if (document.visibilityState === 'visible') wake();
    };
    // Another page part (or the freshness question) found the server back: this feed need not wait out its backoff.
    const unsubscribe = connectivity.subscribe((reachable) => {
      if (reachable && modeRef.current === 'offline') wake();
    });
    window.addEventListener('online', wake);
    window.addEventListener('offline', offline);
    document.addEventListener('visibilitychange', visible);
    return () => {
      unsubscribe();
      window.removeEventListener('online', wake);
      window.removeEventListener('offline', offline);
      document.removeEventListener('visibilitychange', visible);
    };
  }, []);

  const refresh = useCallback(() => feed.current?.refresh() ?? Promise.resolve(), []);
  return { data, error, mode, updatedAt, refresh };
}
