// The Idempotency-Key of the request being handled, carried to the write path without threading it through every
// handler: each append the request makes is sealed with a key derived from it, so that after a crash a retry can find
// out whether the first attempt's events were committed, and answer from them instead of deciding again.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';

interface KeyedRequest {
  /** A digest of (account, Idempotency-Key): short enough for the event store's keys, and no client text in the log. */
  readonly base: string;
  /** True when an earlier attempt with this key may have committed and was never answered (its process died). */
  readonly recovering: boolean;
  appends: number;
}

const keyedRequests = new AsyncLocalStorage<KeyedRequest>();

/** Runs `work` as the handling of a request with this Idempotency-Key. */
export function withRequestKey<T>(scope: string, key: string, recovering: boolean, work: () => T): T {
  const base = createHash('sha256').update(`${scope}\u0000${key}`).digest('hex').slice(0, 40);
  return keyedRequests.run({ base, recovering, appends: 0 }, work);
}

/** The key for the next append of the current request (the n-th append of a request keeps its key on a retry). */
export function nextAppendKey(): { readonly key: string; readonly recovering: boolean } | undefined {
  const request = keyedRequests.getStore();
  if (!request) return undefined;
  request.appends += 1;
  return { key: `http:${request.base}#${request.appends}`, recovering: request.recovering };
}
