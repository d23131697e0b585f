// The state behind the "figures delayed" and "offline" banners of every signed-in page.
import { useEffect, useState } from 'react';
import * as api from '../api/client';
import { connectivity } from './connectivity';
import { startFreshnessPoll, type FreshnessState } from './freshness';

export const FRESHNESS_EVERY_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;
const TIMEOUT_MS = 8_000;

export function useFreshness(): FreshnessState {
  const [state, setState] = useState<FreshnessState>({ kind: 'fresh' });
  useEffect(() => {
    let current: FreshnessState = { kind: 'fresh' };
    const show = (next: FreshnessState) => {
      const wasOffline = current.kind === 'offline';
      current = next;
      setState(next);
      // The server answered again: live figures still waiting out their backoff may connect now.
      if (wasOffline && next.kind !== 'offline') connectivity.report(true);
    };
    const poll = startFreshnessPoll({
      read: api.getFreshness,
      unreachable: api.isUnreachable,
      onState: show,
      everyMs: FRESHNESS_EVERY_MS,
      maxBackoffMs: MAX_BACKOFF_MS,
      timeoutMs: TIMEOUT_MS,
    });
    // Back online, or back on the tab: ask at once rather than after the backoff.
    const wake = () => poll.checkNow();
    const visible = () => {
      if (document.visibilityState === 'visible') poll.checkNow();
    };
    // A page's live figures found the server away (say so at once) or back (ask again, to drop the banner).
    const unsubscribe = connectivity.subscribe((reachable) => {
      if (!reachable && current.kind !== 'offline') show({ kind: 'offline', since: Date.now() });
      else if (reachable && current.kind === 'offline') poll.checkNow();
    });
    window.addEventListener('online', wake);
    window.addEventListener('offline', wake);
    document.addEventListener('visibilitychange', visible);
    return () => {
      poll.close();
      unsubscribe();
      window.removeEventListener('online', wake);
      window.removeEventListener('offline', wake);
      document.removeEventListener('visibilitychange', visible);
    };
  }, []);
  return state;
}
