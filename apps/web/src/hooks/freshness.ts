// Whether the figures are current and the server reachable: asked every ~10 s, one question at a time, and less often
// while the answers fail. Plain code (no React), so that its timing can be tested in node; useFreshness wraps it.
import type { Freshness } from '@campaign-ledger/api-contract';

export type FreshnessState =
  /** Nothing to say: current, or not known yet. */
  | { readonly kind: 'fresh' }
  | { readonly kind: 'delayed'; readonly freshness: Freshness; readonly checkedAt: number }
  /** The server did not answer (network down, proxy error, timeout) since `since`. */
  | { readonly kind: 'offline'; readonly since: number };

export interface FreshnessPollOptions {
  readonly read: (signal: AbortSignal) => Promise<Freshness>;
  /** Whether an error means the server cannot be reached (rather than answering with an error). */
  readonly unreachable: (error: unknown) => boolean;
  readonly onState: (state: FreshnessState) => void;
  readonly everyMs: number;
  /** After n failures in a row the next question waits everyMs × 2^(n−1), up to this. */
  readonly maxBackoffMs: number;
  /** A question not answered by then counts as unreachable. */
  readonly timeoutMs: number;
  readonly now?: () => number;
}

export interface FreshnessPoll {
  /** Asks now (e.g. the browser is back online), unless a question is already out. */
  checkNow(): void;
  close(): void;
}

export function startFreshnessPoll(options: FreshnessPollOptions): FreshnessPoll {
  const now = options.now ?? Date.now;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let asking: AbortController | null = null;
  let failures = 0;
  let offlineSince: number | null = null;

  const schedule = (ms: number) => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void check(), ms);
  };

  const check = async () => {
    timer = null;
    if (closed || asking) return;
    const controller = new AbortController();
    asking = controller;
    const deadline = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const freshness = await options.read(controller.signal);
      if (closed) return;
      failures = 0;
      offlineSince = null;
      options.onState(freshness.delayed ? { kind: 'delayed', freshness, checkedAt: now() } : { kind: 'fresh' });
    } catch (error) {
      if (closed) return;
      failures += 1;
      if (controller.signal.aborted || options.unreachable(error)) {
        offlineSince ??= now();
        options.onState({ kind: 'offline', since: offlineSince });
      } else {
        // The server answered, with an error: it is reachable, and there is nothing to say about the figures.
        offlineSince = null;
        options.onState({ kind: 'fresh' });
      }
    } finally {
      clearTimeout(deadline);
      if (asking === controller) asking = null;
    }
    schedule(failures === 0 ? options.everyMs : Math.min(options.everyMs * 2 ** (failures - 1), options.maxBackoffMs));
  };

  void check();
  return {
    checkNow() {
      if (closed || asking) return;
      if (timer) clearTimeout(timer);
      void check();
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      asking?.abort();
      asking = null;
    },
  };
}
