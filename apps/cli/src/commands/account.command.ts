// `ledger account create|set-password|enable|list`: the installation's accounts from the command line — above all
// the first administrator of a fresh installation, on every backend. Passwords are read from standard input (one
// line, --password-stdin) or asked for twice without echo on a terminal; they never appear in the arguments.
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { InvalidArgumentError } from 'commander';
import { Pool } from 'pg';
import {
  ACCOUNTS_STREAM,
  accountsDecider,
  BranchNotFound,
  findAccountByUsername,
  foldEvents,
  organisationDecider,
  organisationStream,
  ROLES,
  UnitNotRegistered,
  type AccountCommand,
  type AccountEvent,
  type AccountsState,
  type Role,
} from '@campaign-ledger/domain';
import { ConcurrencyError, type EventStore, type MetadataInput } from '@campaign-ledger/event-store';
import { PasswordHasher, PostgresCredentialStore, type CredentialStore } from '@campaign-ledger/identity';
import { v7 as uuidv7 } from 'uuid';
import { CliError, ExitCode, writeLine, type CliIo } from '../cli-io';
import type { LedgerSession } from '../ledger-session';
import { renderTable } from '../table';
import { withSession, type CommandContext, type LedgerCommand } from './command';

const MAX_ATTEMPTS = 5;
const MIN_PASSWORD = 8;

function role(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of: ${ROLES.join(', ')}`);
  return value as Role;
}

/** The operator at the keyboard, as the events record them. */
const operator = (): MetadataInput['actor'] => ({ id: `ledger-cli:${safeUser()}`, role: 'system' });
const safeUser = () => {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
};

interface AccountBook {
  readonly store: EventStore;
  readonly credentials: CredentialStore;
  readonly hasher: PasswordHasher;
  close(): Promise<void>;
}

async function openBook(session: LedgerSession): Promise<AccountBook> {
  if (!session.readModelUrl) {
    throw new CliError('accounts need a database for their passwords: run against PostgreSQL (DATABASE_URL) or the embedded store (DATA_DIR)');
  }
  const pool = new Pool({ connectionString: session.readModelUrl, max: 1 });
  pool.on('error', () => undefined);
  return {
    store: session.store,
    credentials: await PostgresCredentialStore.create(pool),
    hasher: new PasswordHasher({ cost: session.config.passwordHashCost }),
    close: () => pool.end(),
  };
}

async function accounts(store: EventStore): Promise<{ state: AccountsState; revision: number }> {
  const events = await store.readStream(ACCOUNTS_STREAM);
  const state = foldEvents(
    accountsDecider,
    events.map((e) => ({ type: e.type, data: e.data }) as AccountEvent),
  );
  return { state, revision: events.length === 0 ? -1 : events[events.length - 1].revision };
}

/** Decides on the stream as read and appends at that revision; read again and decide again if someone wrote first. */
async function write(book: AccountBook, command: AccountCommand, reason: string, password?: string): Promise<AccountEvent[]> {
  const accountId = command.data.accountId;
  const previous = password !== undefined ? await book.credentials.hashOf(accountId) : null;
  if (password !== undefined) await book.credentials.set(accountId, await book.hasher.hash(password));
  try {
    for (let attempt = 1; ; attempt += 1) {
      const { state, revision } = await accounts(book.store);
      const events = accountsDecider.decide(command, state);
      if (events.length === 0) return events;
      try {
        await book.store.append(ACCOUNTS_STREAM, events, { expectedRevision: revision < 0 ? 'no_stream' : revision, metadata: { actor: operator(), reason } });
        return events;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  } catch (error) {
    if (password !== undefined) await (previous === null ? book.credentials.remove(accountId) : book.credentials.set(accountId, previous));
    throw error;
  }
}

async function readPassword(io: CliIo, fromStdin: boolean): Promise<string> {
  const input = io.stdin;
  if (!input) throw new CliError('no standard input to read the password from');
  if (fromStdin || !(input as { isTTY?: boolean }).isTTY) {
    if (!fromStdin) throw new CliError('standard input is not a terminal: pass the password on it with --password-stdin (one line)');
    const password = await firstLine(input);
    if (password === null) throw new CliError('--password-stdin: standard input was empty; send the password as one line');
    return checked(password);
  }
  const first = await ask(io, '新密码 New password: ');
  const again = await ask(io, '再输一次 Again: ');
  if (first !== again) throw new CliError('the two passwords differ: nothing was changed');
  return checked(first);
}

function checked(password: string): string {
  if (password.length < MIN_PASSWORD || password.length > 200) throw new CliError(`the password must be ${MIN_PASSWORD}..200 characters: nothing was changed`);
  return password;
}

async function firstLine(input: NodeJS.ReadableStream): Promise<string | null> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return null;
}

/** Asks on the terminal without echoing what is typed. */
function ask(io: CliIo, prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: io.stdin as NodeJS.ReadableStream, output: io.stderr, terminal: true });
    const output = rl as unknown as { _writeToOutput: (text: string) => void };
    let prompted = false;
    output._writeToOutput = (text: string) => {
      if (!prompted) {
        prompted = true;
        io.stderr.write(text);
      }
    };
    rl.question(prompt, (answer) => {
      rl.close();
      io.stderr.write('\n');
      resolve(answer);
    });
  });
}

async function assertScope(store: EventStore, unitId: string | null, branchId: string | null): Promise<void> {
  if (!unitId) return;
  const events = await store.readStream(organisationStream(unitId));
  const organisation = foldEvents(
    organisationDecider,
    events.map((e) => ({ type: e.type, data: e.data }) as never),
  );
  if (organisation.status !== 'registered') throw UnitNotRegistered.yet();
  if (branchId && !organisation.branches[branchId]) throw BranchNotFound.withId(branchId);
}

function withBook(context: CommandContext, work: (book: AccountBook) => Promise<void>): Promise<void> {
  return withSession(context, async (session) => {
    const book = await openBook(session);
    try {
      await work(book);
    } finally {
      await book.close();
    }
  });
}

async function existing(book: AccountBook, username: string) {
  const account = findAccountByUsername((await accounts(book.store)).state, username);
  if (!account) throw new CliError(`no account "${username}": see \`ledger account list\``, ExitCode.broken);
  return account;
}

export const accountCommand: LedgerCommand = {
  name: 'account',
  register(program, context) {
    const account = program.command('account').description('the accounts that may sign in: create (the first administrator too), set a password, enable, list');

    account
      .command('create')
      .description('create an account; an administrator without --unit runs the whole installation')
      .requiredOption('--username <name>', '2..64 letters, digits, dot, dash or underscore')
      .requiredOption('--role <role>', ROLES.join(' | '), role)
      .option('--display-name <name>', 'the name people read (default: the username)')
      .option('--unit <unitId>', 'the unit the account works in (every role but an installation administrator)')
      .option('--branch <branchId>', "a secretary's branch")
      .option('--password-stdin', 'read the password from standard input (one line) instead of asking')
      .action((options: { username: string; role: Role; displayName?: string; unit?: string; branch?: string; passwordStdin?: boolean }) =>
        withBook(context, async (book) => {
          await assertScope(book.store, options.unit ?? null, options.branch ?? null);
          const password = await readPassword(context.io, options.passwordStdin === true);
          const accountId = uuidv7();
          await write(
            book,
            {
              type: 'CreateAccount',
              data: {
                accountId,
                username: options.username,
                displayName: options.displayName ?? options.username,
                role: options.role,
                unitId: options.unit ?? null,
                branchId: options.branch ?? null,
              },
            },
            'created with ledger account create',
            password,
          );
          writeLine(
            context.io.stdout,
            `created ${options.username} (${options.role}${options.unit ? `, unit ${options.unit}` : ''}${options.branch ? `, branch ${options.branch}` : ''}): ${accountId}`,
          );
        }),
      );

    account
      .command('set-password <username>')
      .description("set a new password (recorded as AccountPasswordReset); the account's signed-in sessions end")
      .option('--password-stdin', 'read the password from standard input (one line) instead of asking')
      .action((username: string, options: { passwordStdin?: boolean }) =>
        withBook(context, async (book) => {
          const found = await existing(book, username);
          const password = await readPassword(context.io, options.passwordStdin === true);
          await write(book, { type: 'ResetPassword', data: { accountId: found.accountId } }, 'password set with ledger account set-password', password);
          writeLine(context.io.stdout, `password of ${found.username} set; its earlier sign-ins have ended`);
        }),
      );

    account
      .command('enable <username>')
      .description('enable a disabled account again (e.g. the only administrator)')
      .requiredOption('--reason <text>', 'why, for the record')
      .action((username: string, options: { reason: string }) =>
        withBook(context, async (book) => {
          const found = await existing(book, username);
          const events = await write(book, { type: 'EnableAccount', data: { accountId: found.accountId, reason: options.reason } }, options.reason);
          writeLine(context.io.stdout, events.length === 0 ? `${found.username} is already enabled` : `${found.username} enabled`);
        }),
      );

    account
      .command('list')
      .description('every account: username, name, role, unit, branch, enabled')
      .action(() =>
        withBook(context, async (book) => {
          const all = [...(await accounts(book.store)).state.byId.values()];
          writeLine(
            context.io.stdout,
            renderTable(
              ['username', 'name', 'role', 'unit', 'branch', 'status'],
              all.map((a) => [a.username, a.displayName, a.role, a.unitId ?? '(installation)', a.branchId ?? '', a.disabled ? 'disabled' : 'enabled']),
            ),
          );
        }),
      );
  },
};
