import { DeciderSpecification } from '../testing/decider-specification';
import { accountsDecider, accountsInitialState, evolveAccounts, findAccountByUsername, withoutSecrets, type AccountEvent } from './accounts.decider';

const spec = DeciderSpecification.for(accountsDecider);
const given = (events: AccountEvent[]) => events.reduce(evolveAccounts, accountsInitialState());

const secretary: AccountEvent = {
  type: 'AccountCreated',
  data: { accountId: 'a1', username: 'zhang', displayName: '张三', role: 'secretary', unitId: 'U1', branchId: 'B1' },
};
const admin: AccountEvent = {
  type: 'AccountCreated',
  data: { accountId: 'adm', username: 'admin', displayName: '管理员', role: 'administrator', unitId: null, branchId: null },
};

describe('accounts decider', () => {
  it('creates an account with a normalised username and no secret in the event', () => {
    spec
      .given([])
      .when({ type: 'CreateAccount', data: { ...secretary.data, username: 'Zhang' } })
      .then([secretary]);
    expect(findAccountByUsername(given([secretary]), 'ZHANG')).toMatchObject({ accountId: 'a1', tokenEpoch: 0, disabled: false });
  });

  it('refuses a taken username, a secretary without a branch, a leader with one, and a non-administrator without a unit', () => {
    spec
      .given([secretary])
      .when({ type: 'CreateAccount', data: { ...secretary.data, accountId: 'a2' } })
      .thenThrows('ACCOUNT.USERNAME_TAKEN');
    spec
      .given([])
      .when({ type: 'CreateAccount', data: { ...secretary.data, branchId: null } })
      .thenThrows('ACCOUNT.BRANCH_REQUIRED');
    spec
      .given([])
      .when({ type: 'CreateAccount', data: { ...secretary.data, role: 'auditor' } })
      .thenThrows('ACCOUNT.BRANCH_NOT_ALLOWED');
    spec
      .given([])
      .when({ type: 'CreateAccount', data: { ...secretary.data, role: 'leading_group', branchId: null, unitId: null } })
      .thenThrows('ACCOUNT.UNIT_REQUIRED');
    spec
      .given([])
      .when({ type: 'CreateAccount', data: { ...secretary.data, username: 'a b' } })
      .thenThrows('ACCOUNT.USERNAME_INVALID');
  });

  it('lets an administrator be installation-wide (no unit)', () => {
    spec.given([]).when({ type: 'CreateAccount', data: admin.data }).then([admin]);
  });

  it('records password changes and resets without a hash, and each ends the tokens issued before', () => {
    spec
      .given([secretary])
      .when({ type: 'ChangeOwnPassword', data: { accountId: 'a1' } })
      .then([{ type: 'AccountPasswordChanged', data: { accountId: 'a1' } }]);
    spec
      .given([secretary])
      .when({ type: 'ResetPassword', data: { accountId: 'a1' } })
      .then([{ type: 'AccountPasswordReset', data: { accountId: 'a1' } }]);
    const state = given([
      secretary,
      { type: 'AccountPasswordChanged', data: { accountId: 'a1' } },
      { type: 'AccountPasswordReset', data: { accountId: 'a1' } },
    ]);
    expect(state.byId.get('a1')?.tokenEpoch).toBe(2);
  });

  it('refuses a disabled account its own password change', () => {
    spec
      .given([secretary, { type: 'AccountDisabled', data: { accountId: 'a1', reason: 'left' } }])
      .when({ type: 'ChangeOwnPassword', data: { accountId: 'a1' } })
      .thenThrows('ACCOUNT.DISABLED');
  });

  it('changes a role, and does nothing when it is unchanged', () => {
    spec
      .given([secretary])
      .when({ type: 'ChangeRole', data: { accountId: 'a1', role: 'secretary', unitId: 'U1', branchId: 'B1' } })
      .thenNothingHappened();
    spec
      .given([secretary])
      .when({ type: 'ChangeRole', data: { accountId: 'a1', role: 'auditor', unitId: 'U1' } })
      .then([{ type: 'AccountRoleChanged', data: { accountId: 'a1', role: 'auditor', unitId: 'U1', branchId: null } }]);
  });

  it('refuses to act on an unknown account', () => {
    spec
      .given([])
      .when({ type: 'DisableAccount', data: { accountId: 'x', reason: 'left' } })
      .thenThrows('ACCOUNT.NOT_FOUND');
  });

  it('disables once with a reason, ends the tokens, and enables again with a reason', () => {
    spec
      .given([admin, secretary])
      .when({ type: 'DisableAccount', data: { accountId: 'a1', reason: ' ' } })
      .thenThrows('ACCOUNT.REASON_REQUIRED');
    const disabled: AccountEvent = { type: 'AccountDisabled', data: { accountId: 'a1', reason: 'left' } };
    expect(given([admin, secretary, disabled]).byId.get('a1')).toMatchObject({ disabled: true, tokenEpoch: 1 });
    spec
      .given([admin, secretary, disabled])
      .when({ type: 'DisableAccount', data: { accountId: 'a1', reason: 'again' } })
      .thenNothingHappened();
    spec
      .given([admin, secretary, disabled])
      .when({ type: 'EnableAccount', data: { accountId: 'a1', reason: '' } })
      .thenThrows('ACCOUNT.REASON_REQUIRED');
    spec
      .given([admin, secretary, disabled])
      .when({ type: 'EnableAccount', data: { accountId: 'a1', reason: 'back' } })
      .then([{ type: 'AccountEnabled', data: { accountId: 'a1', reason: 'back' } }]);
    spec
      .given([admin, secretary])
      .when({ type: 'EnableAccount', data: { accountId: 'a1', reason: 'back' } })
      .thenNothingHappened();
  });

  it('never leaves the installation without an enabled administrator', () => {
    spec
      .given([admin])
      .when({ type: 'DisableAccount', data: { accountId: 'adm', reason: 'leaving' } })
      .thenThrows('ACCOUNT.LAST_ADMINISTRATOR');
    spec
      .given([admin])
      .when({ type: 'ChangeRole', data: { accountId: 'adm', role: 'auditor', unitId: 'U1' } })
      .thenThrows('ACCOUNT.LAST_ADMINISTRATOR');
    const second: AccountEvent = { type: 'AccountCreated', data: { ...admin.data, accountId: 'adm2', username: 'admin2' } };
    spec
      .given([admin, second])
      .when({ type: 'DisableAccount', data: { accountId: 'adm', reason: 'leaving' } })
      .then([{ type: 'AccountDisabled', data: { accountId: 'adm', reason: 'leaving' } }]);
  });

  it('never leaves the installation without an installation administrator, even when unit administrators remain', () => {
    const unitAdmin: AccountEvent = { type: 'AccountCreated', data: { ...admin.data, accountId: 'u-adm', username: 'unit-admin', unitId: 'U1' } };
    spec
      .given([admin, unitAdmin])
      .when({ type: 'DisableAccount', data: { accountId: 'adm', reason: 'leaving' } })
      .thenThrows('ACCOUNT.LAST_ADMINISTRATOR');
    spec
      .given([admin, unitAdmin])
      .when({ type: 'ChangeRole', data: { accountId: 'adm', role: 'administrator', unitId: 'U1' } })
      .thenThrows('ACCOUNT.LAST_ADMINISTRATOR');
    // The unit administrator may go: the installation keeps its own.
    spec
      .given([admin, unitAdmin])
      .when({ type: 'DisableAccount', data: { accountId: 'u-adm', reason: 'leaving' } })
      .then([{ type: 'AccountDisabled', data: { accountId: 'u-adm', reason: 'leaving' } }]);
  });

  it('folds legacy events that carried a password hash, and never shows the hash', () => {
    const legacy = { type: 'AccountCreated', data: { ...secretary.data, passwordHash: 'scrypt$1024$8$1$salt$key' } } as AccountEvent;
    const changed = { type: 'AccountPasswordChanged', data: { accountId: 'a1', passwordHash: 'scrypt$x' } } as AccountEvent;
    const account = given([legacy, changed]).byId.get('a1');
    expect(account).toMatchObject({ accountId: 'a1', tokenEpoch: 1 });
    expect(JSON.stringify(account)).not.toContain('scrypt');
    expect(withoutSecrets(legacy.data)).toEqual(secretary.data);
    expect(withoutSecrets(secretary.data)).toBe(secretary.data);
  });
});
