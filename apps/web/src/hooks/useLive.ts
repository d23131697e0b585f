// Data that follows the server: pushed by server-sent events when the stream answers, polled every 1.5 s when it does not.
import { useCallback, useEffect, useRef, useState } from 'react';
import { openEventStream } from '../api/client';
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
      retryStreamMs: SSE_RETRY_MS,
      openStream: openEventStream,
      onData: (value) => {
        setData(value);
        setUpdatedAt(Date.now());
      },
      onError: setError,
      onMode: setMode,
    });
    feed.current = started;
    return () => {
      started.close();
      if (feed.current === started) feed.current = null;
    };
  }, [key, streamUrl, pollMs]);

  const refresh = useCallback(() => feed.current?.refresh() ?? Promise.resolve(), []);
  return { data, error, mode, updatedAt, refresh };
}
