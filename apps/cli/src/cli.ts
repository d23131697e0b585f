// The `ledger` command line: parses arguments, runs one sub-command, turns expected errors into one line and an exit code.
import { Command, CommanderError } from 'commander';
import { AuditError, ImportFileError, ImportLineError } from '@campaign-ledger/audit';
import { DomainError } from '@campaign-ledger/domain';
import { EventStoreError } from '@campaign-ledger/event-store';
import { CliError, ExitCode, type CliIo } from './cli-io';
import { commandContext, type LedgerCommand } from './commands/command';
import { LEDGER_COMMANDS } from './commands/registry';

export function buildProgram(io: CliIo, setExitCode: (code: ExitCode) => void, commands: readonly LedgerCommand[] = LEDGER_COMMANDS): Command {
  const program = new Command('ledger')
    .description(
      '活动台账 Campaign Ledger: audit, replay and maintain the event log\n' +
        '(history, as-of, diff, verify, digest, export, import, rebuild, template load, account).\n' +
        'Configured by the same environment as the API: EVENT_STORE, DATABASE_URL, KURRENTDB_URL, DATA_DIR.',
    )
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 the ledger is broken or changed, or what was asked for is not in it, 2 bad arguments or configuration, 3 unexpected failure.',
    );
  const context = commandContext(io, setExitCode);
  for (const command of commands) command.register(program, context);
  return program;
}

/** Runs `ledger <argv>` and returns the exit code; never calls process.exit. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return ExitCode.usage;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    const { code, message } = explain(error, io);
    io.stderr.write(`ledger: ${message}\n`);
    return code;
  }
}

function explain(error: unknown, io: CliIo): { code: number; message: string } {
  if (error instanceof CliError) return { code: error.exitCode, message: error.message };
  if (error instanceof ImportLineError || error instanceof ImportFileError) {
    return { code: ExitCode.broken, message: `import stopped, nothing was written: ${error.message}` };
  }
  if (error instanceof AuditError || error instanceof EventStoreError || error instanceof DomainError) {
    return { code: ExitCode.usage, message: error.message };
  }
  const detail = error instanceof Error ? error.message : String(error);
  const stack = io.env.LEDGER_DEBUG && error instanceof Error ? `\n${error.stack}` : ' (set LEDGER_DEBUG=1 to see where)';
  return { code: ExitCode.failure, message: `unexpected failure: ${detail}${stack}` };
}
