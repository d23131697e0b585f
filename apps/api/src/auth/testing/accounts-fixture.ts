// Given-state for the auth and audit use-case specs: units U1 and U2 (each with branch B1) and an account of every
// role, in an in-memory store, with the accounts' real providers (AccountsService over an in-memory credential store and
// a cheap password hash, the token issuer, the log-in attempt counts) and the handlers a spec names. No HTTP: the route's
// guards are checked on the route itself (@api/testing/route-access), the handler's own refusals here.
import type { Provider } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { organisationDecider, organisationStream, type Account, type AccountCommand, type OrganisationCommand, type Role } from '@campaign-ledger/domain';
import { InMemoryCredentialStore, PasswordHasher } from '@campaign-ledger/identity';
import { AggregateStore } from '@api/infrastructure/event-sourcing/aggregate-store';
import { CREDENTIAL_STORE } from '@api/infrastructure/tokens';
import { startUseCases, type UseCaseHarness } from '@api/testing/use-case-harness';
import { AccountsService } from '../accounts.service';
import { CampaignUnits } from '../campaign-units';
import { InMemoryFailureCounts, LoginAttempts } from '../login/login-attempts';
import type { Principal } from '../principal';
import { TokenIssuer } from '../token-issuer';

/** Every seeded account's password. */
export const PASSWORD = 'fixture-password';
/** The client address log-ins and password changes come from unless a spec names another. */
export const ADDRESS = '203.0.113.7';

const SYSTEM = { actor: { id: 'seed', role: 'system' } };

/** The seeded accounts: username, role and scope (accountId is `acc-<username>`). */
const SEEDED = {
  root: { username: 'root', role: 'administrator', unitId: null, branchId: null },
  adminU1: { username: 'admin-u1', role: 'administrator', unitId: 'U1', branchId: null },
  adminU2: { username: 'admin-u2', role: 'administrator', unitId: 'U2', branchId: null },
  leaderU1: { username: 'leader-u1', role: 'leading_group', unitId: 'U1', branchId: null },
  secretaryB1: { username: 'sec-b1', role: 'secretary', unitId: 'U1', branchId: 'B1' },
  auditorU1: { username: 'auditor-u1', role: 'auditor', unitId: 'U1', branchId: null },
  auditorU2: { username: 'auditor-u2', role: 'auditor', unitId: 'U2', branchId: null },
} as const satisfies Record<string, { username: string; role: Role; unitId: string | null; branchId: string | null }>;

export type SeededAccount = keyof typeof SEEDED;

/** A seeded account as the guards hand it to a handler. */
export const ACCOUNTS: Readonly<Record<SeededAccount, Principal>> = Object.fromEntries(
  Object.entries(SEEDED).map(([key, { username, role, unitId, branchId }]) => [key, { accountId: `acc-${username}`, username, role, unitId, branchId }]),
) as Record<SeededAccount, Principal>;

export interface AccountsFixture extends UseCaseHarness {
  readonly accounts: AccountsService;
  /** Runs account commands as the system (a disabled account, a moved one); what a spec then checks starts after them. */
  given(...commands: AccountCommand[]): Promise<void>;
  /** The account as now recorded. */
  account(accountId: string): Promise<Account | undefined>;
  /** Whether the password is the one in force for the account. */
  passwordIs(accountId: string, password: string): Promise<boolean>;
  /** The claims of a token the fixture's issuer signed (throws for any other). */
  claimsOf(token: string): { sub: string; ep: number; role: Role };
}

/** The accounts of U1 and U2 (and an installation administrator) with the handlers named. */
export async function accountsFixture(handlers: readonly Provider[]): Promise<AccountsFixture> {
  const jwt = new JwtService({ secret: 'accounts-fixture-secret', signOptions: { expiresIn: 3600 } });
  const harness = await startUseCases([
    { provide: CREDENTIAL_STORE, useValue: new InMemoryCredentialStore() },
    // A cheap scrypt cost (the lowest its memory limit allows with r = 8): a hash in well under a millisecond.
    { provide: PasswordHasher, useValue: new PasswordHasher({ cost: 16 }) },
    { provide: JwtService, useValue: jwt },
    { provide: LoginAttempts, useValue: new LoginAttempts(new InMemoryFailureCounts()) },
    AccountsService,
    TokenIssuer,
    CampaignUnits,
    ...handlers,
  ]);
  const aggregates = harness.get(AggregateStore);
  const accounts = harness.get(AccountsService);
  for (const unitId of ['U1', 'U2']) {
    const commands: OrganisationCommand[] = [
      { type: 'RegisterUnit', data: { unitId, name: `单位${unitId}`, code: unitId } },
      { type: 'AddBranch', data: { branchId: 'B1', name: '第一支部', secretaryName: '张书记' } },
    ];
    for (const command of commands) await aggregates.handle(organisationStream(unitId), organisationDecider, command, () => undefined, { metadata: SYSTEM });
  }
  for (const { username, role, unitId, branchId } of Object.values(SEEDED)) {
    const data = { accountId: `acc-${username}`, username, displayName: username, role, unitId, branchId };
    await accounts.execute({ type: 'CreateAccount', data }, SYSTEM, { password: PASSWORD });
  }
  await harness.mark();
  return {
    ...harness,
    accounts,
    async given(...commands) {
      for (const command of commands) await accounts.execute(command, SYSTEM);
      await harness.mark();
    },
    account: (accountId) => accounts.findById(accountId),
    async passwordIs(accountId, password) {
      const account = await accounts.findById(accountId);
      return !!account && accounts.passwordMatches(account, password);
    },
    claimsOf: (token) => jwt.verify(token),
  };
}
