import type { AccountView, LoginAnswer } from '@campaign-ledger/api-contract';
import { tabSession, type SessionStore } from './tab-session';

function memoryStore(): SessionStore & { answer: LoginAnswer | null } {
  return {
    answer: null,
    token() {
      return this.answer?.token ?? null;
    },
    account() {
      return this.answer?.account ?? null;
    },
    save(answer) {
      this.answer = answer;
    },
    clear() {
      this.answer = null;
    },
  };
}

const account = (accountId: string): AccountView => ({
  accountId,
  username: accountId,
  displayName: accountId,
  role: 'secretary',
  unitId: 'U1',
  branchId: 'B01',
  disabled: false,
});
const signedIn = (accountId: string, token: string): LoginAnswer => ({ token, account: account(accountId) }) as LoginAnswer;

describe('a session shared with the tabs opened from this one', () => {
  const channels: BroadcastChannel[] = [];
  const tab = (name: string) => {
    const channel = new BroadcastChannel(name);
    channels.push(channel);
    const store = memoryStore();
    return { store, session: tabSession(store, channel) };
  };
  afterEach(() => channels.splice(0).forEach((channel) => channel.close()));

  it('hands a new tab the session of an open one, and a new token of the same account', async () => {
    const first = tab('t1');
    first.store.save(signedIn('sec-b01', 'token-1'));
    const second = tab('t1');
    expect(await second.session.adopt(1_000)).toBe(true);
    expect(second.store.token()).toBe('token-1');

    const changed = new Promise<boolean>((resolve) => second.session.onChange(resolve));
    first.store.save(signedIn('sec-b01', 'token-2'));
    first.session.announce(signedIn('sec-b01', 'token-2'));
    expect(await changed).toBe(true);
    expect(second.store.token()).toBe('token-2');
  });

  it('finds no session when no tab is signed in, and keeps a tab signed in as someone else as it is', async () => {
    const lonely = tab('t2');
    expect(await lonely.session.adopt(50)).toBe(false);
    expect(lonely.store.token()).toBeNull();

    const admin = tab('t3');
    admin.store.save(signedIn('admin', 'admin-token'));
    const secretary = tab('t3');
    secretary.store.save(signedIn('sec-b01', 'sec-token'));
    secretary.session.announce(signedIn('sec-b01', 'sec-token'));
    admin.session.announceLogout('sec-b01');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(admin.store.token()).toBe('admin-token');
  });

  it('signs the other tabs of the account out with it', async () => {
    const first = tab('t4');
    first.store.save(signedIn('sec-b01', 'token-1'));
    const second = tab('t4');
    await second.session.adopt(1_000);
    const out = new Promise<boolean>((resolve) => second.session.onChange(resolve));
    first.store.clear();
    first.session.announceLogout('sec-b01');
    expect(await out).toBe(false);
    expect(second.store.token()).toBeNull();
  });
});
