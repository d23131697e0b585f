// Who is signed in: the token and account live in sessionStorage, shared with the tabs opened from this one
// (tab-session.ts); any 401 from the API signs out.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AccountView } from '@campaign-ledger/api-contract';
import * as api from '../api/client';
import { navigate } from '../router';
import { tabSession } from './tab-session';

const tabs = tabSession(api.session, typeof BroadcastChannel === 'function' ? new BroadcastChannel('ledger.session') : null);

interface SessionContext {
  readonly account: AccountView | null;
  /** Set when the session ended on a 401, so the log-in page can say why. */
  readonly expired: boolean;
  readonly login: (username: string, password: string) => Promise<AccountView>;
  /** Changes the signed-in account's password and keeps the new token: the server ends every earlier one at once. */
  readonly changePassword: (currentPassword: string, newPassword: string) => Promise<AccountView>;
  readonly logout: () => void;
}

const Context = createContext<SessionContext | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [account, setAccount] = useState<AccountView | null>(() => (api.session.token() ? api.session.account() : null));
  const [expired, setExpired] = useState(false);
  // A tab opened from a signed-in one (a link in a new tab) takes that tab's session before anything is shown.
  const [ready, setReady] = useState(() => api.session.token() !== null);

  useEffect(() => {
    if (!ready) {
      void tabs.adopt().then((found) => {
        if (found) setAccount(api.session.account());
        setReady(true);
      });
    }
    return tabs.onChange((signedIn) => {
      if (signedIn) return setAccount(api.session.account());
      setAccount(null);
      navigate('/login', true);
    });
  }, []);

  const logout = useCallback(() => {
    const accountId = api.session.account()?.accountId;
    api.session.clear();
    if (accountId) tabs.announceLogout(accountId);
    setAccount(null);
    navigate('/login', true);
  }, []);

  useEffect(() => {
    api.setUnauthorizedHandler(() => {
      if (!api.session.token()) return;
      api.session.clear();
      setExpired(true);
      setAccount(null);
      navigate('/login', true);
    });
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const answer = await api.login(username, password);
    api.session.save(answer);
    tabs.announce(answer);
    setExpired(false);
    setAccount(answer.account);
    return answer.account;
  }, []);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    const answer = await api.changeOwnPassword(currentPassword, newPassword);
    tabs.announce(answer);
    setAccount(answer.account);
    return answer.account;
  }, []);

  const value = useMemo(() => ({ account, expired, login, changePassword, logout }), [account, expired, login, changePassword, logout]);
  return <Context.Provider value={value}>{ready ? children : null}</Context.Provider>;
}

export function useSession(): SessionContext {
  const value = useContext(Context);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** For pages behind the log-in: the account is there. */
export function useAccount(): AccountView {
  const { account } = useSession();
  if (!account) throw new Error('no account');
  return account;
}
