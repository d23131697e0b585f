// How long to wait before trying the server again: twice as long after each failure in a row, up to a ceiling, spread by
// a random share so that many open pages do not all knock at the same moment when the server comes back.

export interface Backoff {
  /** Wait after the first failure. */
  readonly baseMs: number;
  /** The longest wait. */
  readonly maxMs: number;
  /** Share of the wait added or taken away at random (0.2: ±20 %, never past maxMs); 0 or absent: none. */
  readonly jitter?: number;
}

/** The usual schedule for reaching the server again: 1 s, 2 s, 4 s… up to 30 s, each ±20 %. */
export const RETRY_BACKOFF: Backoff = { baseMs: 1_000, maxMs: 30_000, jitter: 0.2 };

/** The wait after `failures` failures in a row (1 or more): baseMs × 2^(failures − 1), at most maxMs, then jittered. */
export function backoffDelay(failures: number, backoff: Backoff, random: () => number = Math.random): number {
  const plain = Math.min(backoff.baseMs * 2 ** (Math.max(1, failures) - 1), backoff.maxMs);
  const jitter = backoff.jitter ?? 0;
  if (jitter <= 0) return plain;
  const spread = plain * jitter * (2 * random() - 1);
  return Math.round(Math.max(0, Math.min(backoff.maxMs, plain + spread)));
}
