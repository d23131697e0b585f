// `ledger export --out FILE.ndjson`: the whole log, one event per line, the evidence files it names, a trailer naming its digest.
// `ledger export --dossier CAMPAIGN --out FILE.xlsx`: the campaign's 迎检 dossier (台账) as a workbook, built from the log.
import { createWriteStream } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { collectDossier, describeReference, dossierXlsx, exportLog } from '@campaign-ledger/audit';
import { isIsoDate } from '@campaign-ledger/domain';
import { CliError, writeLine } from '../cli-io';
import { createProgress, createTransferProgress } from '../progress';
import { noteUnseen, withSession, type CommandContext, type LedgerCommand } from './command';

interface ExportOptions {
  readonly out: string;
  readonly force?: boolean;
  readonly dossier?: string;
  readonly asOf?: string;
}

export const exportCommand: LedgerCommand = {
  name: 'export',
  register(program, context) {
    program
      .command('export')
      .description(
        'write the whole log as NDJSON (a header, every event with its full envelope, hashes and recording time, every evidence ' +
          "file the events name, a trailer with the digest); with --dossier, a campaign's inspection dossier (台账) as an Excel workbook",
      )
      .requiredOption('--out <file>', 'the file to write (e.g. ledger-2024-06-30.ndjson, or 台账.xlsx with --dossier)')
      .option('--force', 'overwrite the file if it exists')
      .option('--dossier <campaignId>', 'write the dossier of this campaign instead: sheets 概况, 任务台账, 学习参与, 半年检查 (XLSX)')
      .option(
        '--as-of <date>',
        'with --dossier: the office day (YYYY-MM-DD, office time zone) the figures are evaluated on; ' +
          'an earlier day also leaves out events recorded after it (default: today)',
      )
      .addHelpText(
        'after',
        '\nThe dossier is computed from the log alone (no API needed) by the same queries as the live read models, and ' +
          'names the log digest it was built from: `ledger verify --against <digest>` proves later that the log behind it is unchanged.',
      )
      .action((options: ExportOptions) => (options.dossier !== undefined ? exportDossier(context, options, options.dossier) : exportNdjson(context, options)));
  },
};

function exportNdjson(context: CommandContext, options: ExportOptions): Promise<void> {
  if (options.asOf !== undefined) throw new CliError('--as-of goes with --dossier <campaignId>');
  return withSession(context, async (session) => {
    const path = context.path(options.out);
    const file = createWriteStream(path, { flags: options.force ? 'w' : 'wx' });
    await new Promise<void>((done, fail) => {
      file.once('open', () => done());
      file.once('error', (error: NodeJS.ErrnoException) => fail(writeError(options.out, error)));
    });
    const progress = createTransferProgress(context.io, 'export');
    let result;
    let total: number | null = null;
    try {
      total = await session.countEvents();
      result = await exportLog(session.store, file, (p) => progress.update(p), { total, blobs: session.blobs });
    } finally {
      progress.finish();
      file.end();
      await finished(file).catch(() => undefined);
    }
    noteUnseen(context, total, result.events);
    writeLine(
      context.io.stdout,
      `exported ${result.events} events in ${result.streams} streams and ${result.files} evidence files ` + `(${result.fileBytes} bytes) to ${options.out}`,
    );
    writeLine(context.io.stdout, `digest ${result.digest.digest}`);
    if (result.broken > 0) context.io.stderr.write(`warning: the log has ${result.broken} broken place(s); run \`ledger verify\`\n`);
    const missing = result.missingFiles.filter((f) => f.problem === 'missing');
    const damaged = result.missingFiles.filter((f) => f.problem === 'damaged');
    if (missing.length > 0) {
      context.io.stderr.write(
        `warning: ${missing.length} evidence file(s) the events name are not stored and are not in the backup ` +
          `(copy them into DATA_DIR/blobs and restart, or accept the loss):\n${listed(missing.map(describeReference))}`,
      );
    }
    if (damaged.length > 0) {
      context.io.stderr.write(
        `warning: ${damaged.length} stored evidence file(s) do not match their SHA-256 and were left out of the backup ` +
          `(the database copy is damaged; restore them from an older backup):\n${listed(damaged.map(describeReference))}`,
      );
    }
  });
}

async function exportDossier(context: CommandContext, options: ExportOptions, campaignId: string): Promise<void> {
  if (campaignId.trim() === '') throw new CliError('--dossier needs a campaign id');
  if (options.asOf !== undefined && !isIsoDate(options.asOf)) throw new CliError(`--as-of must be a day written YYYY-MM-DD, not "${options.asOf}"`);
  const path = context.path(options.out);
  // Refuse before reading the whole log, not after.
  if (
    !options.force &&
    (await access(path).then(
      () => true,
      () => false,
    ))
  )
    throw new CliError(`${options.out} exists; choose another file or add --force`);
  await withSession(context, async (session) => {
    const progress = createProgress(context.io, 'dossier');
    let total: number | null = null;
    let dossier;
    try {
      total = await session.countEvents();
      dossier = await collectDossier(session.store, campaignId, { asOf: options.asOf, total, onProgress: (p) => progress.update(p.events, p.total) });
    } finally {
      progress.finish();
    }
    if (dossier.basis.recordedUntil === null) noteUnseen(context, total, dossier.basis.events);
    const content = await dossierXlsx(dossier);
    try {
      await writeFile(path, content, { flag: options.force ? 'w' : 'wx' });
    } catch (error) {
      throw writeError(options.out, error as NodeJS.ErrnoException);
    }
    const completed = dossier.instances.filter((i) => i.status === 'completed').length;
    writeLine(
      context.io.stdout,
      `exported the dossier of campaign ${campaignId} (${dossier.campaign.name}) as of ${dossier.asOf} to ${options.out}: ` +
        `${dossier.instances.length} task instances (${completed} completed), ${dossier.sessions.length} study sessions`,
    );
    writeLine(context.io.stdout, `built from ${dossier.basis.events} events, digest ${dossier.basis.digest}`);
  });
}

/** At most ten lines, indented, and how many more. */
export function listed(lines: readonly string[]): string {
  const shown = lines
    .slice(0, 10)
    .map((line) => `  ${line}\n`)
    .join('');
  return lines.length > 10 ? `${shown}  ... and ${lines.length - 10} more\n` : shown;
}

function writeError(file: string, error: NodeJS.ErrnoException): CliError {
  return new CliError(error.code === 'EEXIST' ? `${file} exists; choose another file or add --force` : `cannot write ${file}: ${error.message}`);
}
