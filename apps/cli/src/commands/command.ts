// The shape of one `ledger` sub-command; each lives in its own file and is listed in registry.ts.
import { InvalidArgumentError, type Command } from 'commander';
import { resolve } from 'node:path';
import type { CliIo, ExitCode } from '../cli-io';
import { openLedgerSession, type LedgerSession } from '../ledger-session';

export interface CommandContext {
  readonly io: CliIo;
  /** The code `run` returns when the action completes without throwing (default 0). */
  setExitCode(code: ExitCode): void;
  openSession(): Promise<LedgerSession>;
  /** A path argument resolved against the caller's working directory. */
  path(file: string): string;
}

export interface LedgerCommand {
  readonly name: string;
  register(program: Command, context: CommandContext): void;
}

export function commandContext(io: CliIo, setExitCode: (code: ExitCode) => void): CommandContext {
  return {
    io,
    setExitCode,
    openSession: () => openLedgerSession(io),
    path: (file) => resolve(io.cwd ?? process.cwd(), file),
  };
}

/** Opens the store for one action and always closes it. */
export async function withSession<T>(context: CommandContext, work: (session: LedgerSession) => Promise<T>): Promise<T> {
  const session = await context.openSession();
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

export function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return parsed;
}

/**
 * PostgreSQL shows the log only up to the oldest transaction still running anywhere on the server; say so when
 * the table holds more than was read, rather than let a partial check pass for a full one.
 */
export function noteUnseen(context: CommandContext, total: number | null, seen: number): void {
  if (total === null || total <= seen) return;
  context.io.stderr.write(
    `note: ${total - seen} event(s) belong to transactions newer than one still running on the database server ` +
      'and were not read this time; run again when it has finished\n',
  );
}
