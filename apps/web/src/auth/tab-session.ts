// The session is kept per tab (sessionStorage: it ends when the browser closes), and shared with the tabs the user opens
// from it: a new tab without a session asks the open ones over a BroadcastChannel (same origin only) and takes theirs;
// a sign-out or a new token (a changed password) in one tab reaches the others.
import type { AccountView, LoginAnswer } from '@campaign-ledger/api-contract';

type Message = { readonly type: 'ask' } | { readonly type: 'session'; readonly answer: LoginAnswer } | { readonly type: 'logout'; readonly accountId: string };

export interface SessionStore {
  token(): string | null;
  account(): AccountView | null;
  save(answer: LoginAnswer): void;
  clear(): void;
}

export interface TabSession {
  /** Resolves once this tab has a session (its own, or one an open tab handed over) or none came within `waitMs`. */
  adopt(waitMs?: number): Promise<boolean>;
  /** Tells the other tabs about a new token (sign-in, changed password). */
  announce(answer: LoginAnswer): void;
  /** Tells the other tabs of this account that the user signed out. */
  announceLogout(accountId: string): void;
  /** Called when another tab signed out, or handed this tab a new token. */
  onChange(listener: (signedIn: boolean) => void): () => void;
}

export function tabSession(store: SessionStore, channel: BroadcastChannel | null): TabSession {
  const listeners = new Set<(signedIn: boolean) => void>();
  const post = (message: Message) => channel?.postMessage(message);
  const current = (): LoginAnswer | null => {
    const token = store.token();
    const account = store.account();
    return token && account ? { token, account } : null;
  };
  channel?.addEventListener('message', (event: MessageEvent<Message>) => {
    const message = event.data;
    if (message?.type === 'ask') {
      const mine = current();
      if (mine) post({ type: 'session', answer: mine });
    } else if (
      message?.type === 'session' &&
      store.token() !== null &&
      store.token() !== message.answer.token &&
      store.account()?.accountId === message.answer.account.accountId
    ) {
      // Another tab of the same account has a newer token (a changed password ends the old one): take it. A tab
      // signed in as someone else keeps its own.
      store.save(message.answer);
      listeners.forEach((listener) => listener(true));
    } else if (message?.type === 'logout' && store.account()?.accountId === message.accountId) {
      store.clear();
      listeners.forEach((listener) => listener(false));
    }
  });
  return {
    adopt(waitMs = 300) {
      if (store.token() !== null || channel === null) return Promise.resolve(store.token() !== null);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          channel.removeEventListener('message', take);
          resolve(false);
        }, waitMs);
        function take(event: MessageEvent<Message>) {
          if (event.data?.type !== 'session' || store.token() !== null) return;
          clearTimeout(timer);
          channel?.removeEventListener('message', take);
          store.save(event.data.answer);
          resolve(true);
        }
        channel.addEventListener('message', take);
        post({ type: 'ask' });
      });
    },
    announce: (answer) => post({ type: 'session', answer }),
    announceLogout: (accountId) => post({ type: 'logout', accountId }),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
