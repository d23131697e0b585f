// `ledger verify [--against DIGEST] [--manifest FILE]`: every hash chain, and optionally the log against an earlier digest.
import { readFile } from 'node:fs/promises';
import { parseManifest, verifyAgainstDigest, verifyLog, type BrokenPlace, type DigestCheck, type VerifyLogReport } from '@campaign-ledger/audit';
import { CliError, ExitCode, writeLine } from '../cli-io';
import { createProgress } from '../progress';
import { noteUnseen, withSession, type CommandContext, type LedgerCommand } from './command';

interface VerifyOptions {
  readonly against?: string;
  readonly manifest?: string;
  readonly json?: boolean;
}

export const verifyCommand: LedgerCommand = {
  name: 'verify',
  register(program, context) {
    program
      .command('verify')
      .description("check every stream's hash chain; with --against, also that the log up to an earlier digest is unchanged")
      .option('--against <digest>', 'a digest printed earlier by `ledger digest` (v2:all:<events>:<root>, or an older v1:<commit>/<prepare>:<root>)')
      .option('--manifest <file>', 'the manifest saved with that digest (`ledger digest --manifest`), to name the streams that changed')
      .option('--json', 'print the full report as JSON')
      .addHelpText('after', '\nExit code: 0 the ledger verifies, 1 something is broken or changed, 2 bad arguments or configuration.')
      .action((options: VerifyOptions) => verify(context, options));
  },
};

async function verify(context: CommandContext, options: VerifyOptions): Promise<void> {
  if (options.manifest && !options.against) throw new CliError('--manifest goes with --against <digest>');
  const manifest = options.manifest ? await readManifest(context, options.manifest) : null;
  await withSession(context, async (session) => {
    const progress = createProgress(context.io, 'verify');
    const total = await session.countEvents();
    let report: VerifyLogReport;
    let check: DigestCheck | null = null;
    try {
      if (options.against) {
        check = await verifyAgainstDigest(session.store, options.against, { manifest, total, onProgress: (p) => progress.update(p.events, p.total) });
        report = check.verify;
      } else {
        report = await verifyLog(session.store, (p) => p.phase === 'reading' && progress.update(p.events, p.total), { total });
      }
    } finally {
      progress.finish();
    }
    noteUnseen(context, total, report.events);
    const ok = report.ok && (check?.ok ?? true);
    context.setExitCode(ok ? ExitCode.ok : ExitCode.broken);
    const { stdout } = context.io;
    if (options.json) {
      writeLine(stdout, JSON.stringify({ ok, verify: report, against: check && { ...check, verify: undefined } }, null, 2));
      return;
    }
    for (const place of report.broken) writeLine(stdout, describePlace(place));
    if (report.brokenCount > report.broken.length) writeLine(stdout, `... and ${report.brokenCount - report.broken.length} more broken place(s)`);
    if (check) {
      for (const difference of check.differences) writeLine(stdout, `CHANGED ${difference.streamId}: ${difference.message}`);
      writeLine(stdout, `${check.rootMatches ? 'UNCHANGED' : 'CHANGED'} ${check.message}`);
    }
    writeLine(
      stdout,
      report.ok
        ? `OK ${report.events} events in ${report.streams} streams: every hash chain verifies`
        : `BROKEN ${report.brokenCount} broken place(s) in ${report.events} events, ${report.streams} streams`,
    );
  });
}

function describePlace(place: BrokenPlace): string {
  return (
    `BROKEN ${place.streamId}@${place.revision} event ${place.eventId} at ${place.position}: ${place.reason} - ${place.message} ` +
    `(expected ${place.expected}, found ${place.actual})`
  );
}

async function readManifest(context: CommandContext, file: string) {
  let text: string;
  try {
    text = await readFile(context.path(file), 'utf8');
  } catch (error) {
    throw new CliError(`cannot read the manifest ${file}: ${(error as Error).message}`);
  }
  try {
    return parseManifest(JSON.parse(text));
  } catch (error) {
    throw new CliError(`${file}: ${(error as Error).message}`);
  }
}
