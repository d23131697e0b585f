// `ledger import --in FILE.ndjson`: restores an export into an empty store with every hash as exported.
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { importLog } from '@campaign-ledger/audit';
import { CliError, writeLine } from '../cli-io';
import { createProgress } from '../progress';
import { withSession, type LedgerCommand } from './command';

export const importCommand: LedgerCommand = {
  name: 'import',
  register(program, context) {
    program
      .command('import')
      .description('restore an NDJSON export into an EMPTY event store (PostgreSQL or the embedded store), keeping every id, metadata and hash')
      .requiredOption('--in <file>', 'the export written by `ledger export`')
      .addHelpText('after', '\nAll or nothing: if any line would not keep its exported hash, the import stops, names the line, and writes nothing.')
      .action(async (options: { in: string }) => {
        const path = context.path(options.in);
        await access(path).catch(() => {
          throw new CliError(`cannot read ${options.in}: no such file`);
        });
        await withSession(context, async (session) => {
          const target = session.restoreTarget();
          const progress = createProgress(context.io, 'import');
          const input = createReadStream(path, { encoding: 'utf8' });
          let result;
          try {
            result = await importLog(session.store, input, (p) => progress.update(p.events, p.total), { target });
          } finally {
            progress.finish();
            input.destroy();
          }
          writeLine(context.io.stdout, `imported ${result.events} events in ${result.streams} streams from ${options.in}; every hash is the exported one`);
          writeLine(context.io.stdout, `exported digest ${result.exportedDigest}`);
          writeLine(context.io.stdout, `digest now      ${result.digest.digest} (same root, positions of this store)`);
        });
      });
  },
};
