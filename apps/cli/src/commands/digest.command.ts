// `ledger digest [--manifest FILE]`: the line an auditor writes down or signs, and the per-stream heads behind it.
import { writeFile } from 'node:fs/promises';
import { computeDigest } from '@campaign-ledger/audit';
import { CliError, writeLine } from '../cli-io';
import { createProgress } from '../progress';
import { noteUnseen, withSession, type LedgerCommand } from './command';

export const digestCommand: LedgerCommand = {
  name: 'digest',
  register(program, context) {
    program
      .command('digest')
      .description("print the digest of the log as it is now: v2:all:<events>:<running SHA-256 over every event's hash and recording time, " + 'in log order>')
      .option('--manifest <file>', 'also write the per-stream heads and checkpoints (JSON) so a later `verify --against` can name what changed')
      .addHelpText('after', '\nThe digest names no database positions: it still verifies after `ledger export` and `ledger import` into another database.')
      .action((options: { manifest?: string }) =>
        withSession(context, async (session) => {
          const progress = createProgress(context.io, 'digest');
          const total = await session.countEvents();
          let result;
          try {
            result = await computeDigest(session.store, { total, onProgress: (p) => progress.update(p.events, p.total) });
          } finally {
            progress.finish();
          }
          noteUnseen(context, total, result.events);
          if (options.manifest) {
            try {
              await writeFile(context.path(options.manifest), `${JSON.stringify(result.manifest, null, 2)}\n`);
            } catch (error) {
              throw new CliError(`cannot write the manifest ${options.manifest}: ${(error as Error).message}`);
            }
            context.io.stderr.write(`manifest of ${result.streams} streams written to ${options.manifest}\n`);
          }
          writeLine(context.io.stdout, result.digest);
        }),
      );
  },
};
