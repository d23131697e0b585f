// The state behind the "figures delayed" and "offline" banners of every signed-in page.
import { useEffect, useState } from 'react';
import * as api from '../api/client';
import { startFreshnessPoll, type FreshnessState } from './freshness';

export const FRESHNESS_EVERY_MS = 10_000;
const MAX_BACKOFF_MS = 60_000;
const TIMEOUT_MS = 8_000;

export function useFreshness(): FreshnessState {
  const [state, setState] = useState<FreshnessState>({ kind: 'fresh' });
  useEffect(() => {
    const poll = startFreshnessPoll({
      read: api.getFreshness,
      unreachable: api.isUnreachable,
      onState: setState,
      everyMs: FRESHNESS_EVERY_MS,
      maxBackoffMs: MAX_BACKOFF_MS,
      timeoutMs: TIMEOUT_MS,
    });
    // Back online, or back on the tab: ask at once rather than after the backoff.
    const wake = () => poll.checkNow();
    const visible = () => {
      if (document.visibilityState === 'visible') poll.checkNow();
    };
    window.addEventListener('online', wake);
    window.addEventListener('offline', wake);
    document.addEventListener('visibilitychange', visible);
    return () => {
      poll.close();
      window.removeEventListener('online', wake);
      window.removeEventListener('offline', wake);
      document.removeEventListener('visibilitychange', visible);
    };
  }, []);
  return state;
}
