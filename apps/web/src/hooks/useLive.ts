// Data that follows the server: pushed by server-sent events when the stream answers, polled every 1.5 s when it does not.
import { useCallback, useEffect, useRef, useState } from 'react';

export const POLL_MS = 1500;
const SSE_RETRY_MS = 30_000;

export type LiveMode = 'connecting' | 'live' | 'polling';

interface Options<T> {
  /** Reads the current value (also used by polling). */
  readonly fetch: (signal: AbortSignal) => Promise<T>;
  /** The SSE URL, or null for polling only. */
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
  const inFlight = useRef<AbortController | null>(null);

  const refresh = useCallback(async () => {
    if (inFlight.current) return; // the previous read is still running: skip this tick rather than pile up
    const controller = new AbortController();
    inFlight.current = controller;
    try {
      const value = await fetchRef.current(controller.signal);
      setData(value);
      setError(null);
      setUpdatedAt(Date.now());
    } catch (e) {
      if ((e as Error).name !== 'AbortError') setError(e);
    } finally {
      inFlight.current = null;
    }
  }, []);

  useEffect(() => {
    setData(null);
    setError(null);
    setMode('connecting');
    let disposed = false;
    let source: EventSource | null = null;
    let pollTimer: ReturnType<typeof setInterval> | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;

    const startPolling = () => {
      if (pollTimer || disposed) return;
      setMode('polling');
      pollTimer = setInterval(() => void refresh(), pollMs);
    };
    const stopPolling = () => {
      if (pollTimer) clearInterval(pollTimer);
      pollTimer = null;
    };
    const onPush = (event: MessageEvent<string>) => {
      const parse = fromEventRef.current;
      if (parse) {
        try {
          setData((previous) => parse(event.data, previous) ?? previous);
          setUpdatedAt(Date.now());
        } catch {
          // a malformed push: the read below brings the value anyway
        }
      }
      void refresh();
    };
    const connect = () => {
      if (!streamUrl || disposed || typeof EventSource === 'undefined') return startPolling();
      source = new EventSource(streamUrl);
      source.onopen = () => {
        stopPolling();
        setMode('live');
        void refresh(); // catch up on anything between the first read and the subscription
      };
      source.onmessage = onPush;
      source.addEventListener('overview', onPush as EventListener);
      source.onerror = () => {
        startPolling();
        if (source && source.readyState === EventSource.CLOSED) {
          source.close();
          source = null;
          retryTimer = setTimeout(connect, SSE_RETRY_MS);
        }
      };
    };

    void refresh();
    connect();
    return () => {
      disposed = true;
      stopPolling();
      if (retryTimer) clearTimeout(retryTimer);
      source?.close();
      inFlight.current?.abort();
      inFlight.current = null;
    };
  }, [key, streamUrl, refresh, pollMs]);

  return { data, error, mode, updatedAt, refresh };
}
