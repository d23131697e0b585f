import { accountsInitialState, decideAccounts, evolveAccounts, findAccountByUsername, type AccountEvent } from './accounts.decider';

const given = (events: AccountEvent[]) => events.reduce(evolveAccounts, accountsInitialState());
const created: AccountEvent = {
  type: 'AccountCreated',
  data: { accountId: 'a1', username: 'zhang', displayName: '张三', role: 'secretary', unitId: 'U1', branchId: 'B1', passwordHash: 'h' },
};

describe('accounts decider', () => {
  it('creates an account with a normalised username', () => {
    const events = decideAccounts({ type: 'CreateAccount', data: { ...created.data, username: 'Zhang' } as never }, accountsInitialState());
    expect(events).toEqual([{ ...created, data: { ...created.data, username: 'zhang' } }]);
    expect(findAccountByUsername(given(events), 'ZHANG')?.accountId).toBe('a1');
  });

  it('refuses a taken username, a secretary without a branch, and a leader with one', () => {
    expect(() => decideAccounts({ type: 'CreateAccount', data: { ...created.data, accountId: 'a2' } }, given([created]))).toThrow(/already taken/);
    expect(() => decideAccounts({ type: 'CreateAccount', data: { ...created.data, branchId: null } }, accountsInitialState())).toThrow(/needs the branch/);
    expect(() => decideAccounts({ type: 'CreateAccount', data: { ...created.data, role: 'auditor' } }, accountsInitialState())).toThrow(/only secretaries/);
  });

  it('changes a role, and does nothing when it is unchanged', () => {
    const state = given([created]);
    expect(decideAccounts({ type: 'ChangeRole', data: { accountId: 'a1', role: 'secretary', unitId: 'U1', branchId: 'B1' } }, state)).toEqual([]);
    expect(decideAccounts({ type: 'ChangeRole', data: { accountId: 'a1', role: 'auditor' } }, state)).toEqual([
      { type: 'AccountRoleChanged', data: { accountId: 'a1', role: 'auditor', unitId: null, branchId: null } },
    ]);
  });

  it('refuses to act on an unknown account', () => {
    expect(() => decideAccounts({ type: 'DisableAccount', data: { accountId: 'x', reason: 'left' } }, accountsInitialState())).toThrow(/no account x/);
  });

  it('disables once and needs a reason', () => {
    const state = given([created]);
    expect(() => decideAccounts({ type: 'DisableAccount', data: { accountId: 'a1', reason: ' ' } }, state)).toThrow(/say why/);
    const disabled = given([created, { type: 'AccountDisabled', data: { accountId: 'a1', reason: 'left' } }]);
    expect(disabled.byId.get('a1')?.disabled).toBe(true);
    expect(decideAccounts({ type: 'DisableAccount', data: { accountId: 'a1', reason: 'again' } }, disabled)).toEqual([]);
  });
});
