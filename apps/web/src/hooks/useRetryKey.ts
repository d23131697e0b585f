// An Idempotency-Key for one submission and its retries. While an attempt has had no answer (the network, or a proxy
// that could not reach the API), the server may still have done it: sending the same body again reuses its key, so that
// the server answers as the first time instead of doing it twice. Any answer ends it: the next attempt is a new request.
import { useState } from 'react';
import { isUnreachable } from '../api/client';

const newKey = (): string => `web-${globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`}`;

export type SendOnce = <T, B>(body: B, send: (body: B, key: string) => Promise<T>) => Promise<T>;

/** Sends a body under the key of an unanswered attempt with the same body, or under a new one. */
export function retryKeys(makeKey: () => string = newKey): SendOnce {
  let pending: { body: string; key: string } | null = null;
  return async (body, send) => {
    const text = JSON.stringify(body);
    const attempt = pending?.body === text ? pending : { body: text, key: makeKey() };
    pending = attempt;
    try {
      const answer = await send(body, attempt.key);
      if (pending === attempt) pending = null;
      return answer;
    } catch (error) {
      if (!isUnreachable(error) && pending === attempt) pending = null;
      throw error;
    }
  };
}

/** One per form: its submissions and their retries. */
export function useRetryKey(): SendOnce {
  const [sendOnce] = useState(() => retryKeys());
  return sendOnce;
}
