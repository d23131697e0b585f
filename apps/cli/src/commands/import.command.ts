// `ledger import --in FILE.ndjson`: restores an export into an empty store with every hash, recording time and evidence file as exported.
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { describeReference, importLog } from '@campaign-ledger/audit';
import { CliError, writeLine } from '../cli-io';
import { createTransferProgress } from '../progress';
import { withSession, type LedgerCommand } from './command';
import { listed } from './export.command';

export const importCommand: LedgerCommand = {
  name: 'import',
  register(program, context) {
    program
      .command('import')
      .description(
        'restore an NDJSON export into an EMPTY event store (PostgreSQL or the embedded store), keeping every id, metadata, hash ' +
          'and recording time, and the evidence files',
      )
      .requiredOption('--in <file>', 'the export written by `ledger export`')
      .addHelpText(
        'after',
        '\nAll or nothing: if any line would not keep its exported hash or recording time, or an evidence file does not match ' +
          'its SHA-256 and size, the import stops, names the line, and writes nothing. Exports of earlier releases (format 1) import too.',
      )
      .action(async (options: { in: string }) => {
        const path = context.path(options.in);
        await access(path).catch(() => {
          throw new CliError(`cannot read ${options.in}: no such file`);
        });
        await withSession(context, async (session) => {
          const target = session.restoreTarget();
          const progress = createTransferProgress(context.io, 'import');
          const input = createReadStream(path, { encoding: 'utf8' });
          let result;
          try {
            result = await importLog(session.store, input, (p) => progress.update(p), { target });
          } finally {
            progress.finish();
            input.destroy();
          }
          writeLine(
            context.io.stdout,
            `imported ${result.events} events in ${result.streams} streams and ${result.files} evidence files from ` +
              `${options.in}; every hash and recording time is the exported one`,
          );
          writeLine(context.io.stdout, `exported digest ${result.exportedDigest}`);
          const same = result.digest.digest === result.exportedDigest.trim();
          writeLine(context.io.stdout, `digest now      ${result.digest.digest}${same ? ' (the exported one)' : ''}`);
          if (result.header.version < 2) {
            context.io.stderr.write(
              'note: this export is of format 1, whose trailer has a v1 digest (positions of the source store); ' +
                'digests taken from now on are v2, which survive the next export and import\n',
            );
          }
          if (result.missingFiles.length > 0) {
            context.io.stderr.write(
              `warning: ${result.missingFiles.length} evidence file(s) the events name are not in the backup nor in this store ` +
                `(downloads of them will answer 404; copy them into DATA_DIR/blobs and restart to bring them back):\n` +
                listed(result.missingFiles.map(describeReference)),
            );
          }
        });
      });
  },
};
