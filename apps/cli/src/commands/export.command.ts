// `ledger export --out FILE.ndjson`: the whole log, one event per line, with a trailer naming its digest.
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { exportLog } from '@campaign-ledger/audit';
import { CliError, writeLine } from '../cli-io';
import { createProgress } from '../progress';
import { noteUnseen, withSession, type LedgerCommand } from './command';

export const exportCommand: LedgerCommand = {
  name: 'export',
  register(program, context) {
    program
      .command('export')
      .description('write the whole log as NDJSON: a header, every event with its full envelope and hashes, a trailer with the digest')
      .requiredOption('--out <file>', 'the file to write (e.g. ledger-2024-06-30.ndjson)')
      .option('--force', 'overwrite the file if it exists')
      .action((options: { out: string; force?: boolean }) => withSession(context, async (session) => {
        const path = context.path(options.out);
        const file = createWriteStream(path, { flags: options.force ? 'w' : 'wx' });
        await new Promise<void>((done, fail) => {
          file.once('open', () => done());
          file.once('error', (error: NodeJS.ErrnoException) => fail(new CliError(error.code === 'EEXIST'
            ? `${options.out} exists; choose another file or add --force`
            : `cannot write ${options.out}: ${error.message}`)));
        });
        const progress = createProgress(context.io, 'export');
        let result;
        let total: number | null = null;
        try {
          total = await session.countEvents();
          result = await exportLog(session.store, file, (p) => progress.update(p.events, p.total), { total });
        } finally {
          progress.finish();
          file.end();
          await finished(file).catch(() => undefined);
        }
        noteUnseen(context, total, result.events);
        writeLine(context.io.stdout, `exported ${result.events} events in ${result.streams} streams to ${options.out}`);
        writeLine(context.io.stdout, `digest ${result.digest.digest}`);
        if (result.broken > 0) context.io.stderr.write(`warning: the log has ${result.broken} broken place(s); run \`ledger verify\`\n`);
      }));
  },
};
