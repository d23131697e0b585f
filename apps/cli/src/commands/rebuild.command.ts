// `ledger rebuild`: the read models folded afresh from the whole log into new tables, swapped in only once complete.
import { openReadModelDataSource, rebuildReadModels, typeOrmSql, type RebuildProgress, type RebuildReport } from '@campaign-ledger/projections';
import { CliError, writeLine } from '../cli-io';
import { createProgress } from '../progress';
import { positiveInteger, withSession, type LedgerCommand } from './command';

interface RebuildOptions {
  readonly pageSize?: number;
  readonly json?: boolean;
}

export const rebuildCommand: LedgerCommand = {
  name: 'rebuild',
  register(program, context) {
    program
      .command('rebuild')
      .description(
        'rebuild the read models (dashboards, overview, ranking...) from the whole log into fresh tables; ' +
          'they replace the live ones in one transaction only when complete, so queries never see a half-built read model',
      )
      .option('--page-size <n>', 'events read per page', positiveInteger)
      .option('--json', 'print the summary as JSON')
      .addHelpText(
        'after',
        '\nRuns against the configured storage: the embedded database in DATA_DIR (stop the API first, it holds it), or ' +
          'PostgreSQL with EVENT_STORE=postgres DATABASE_URL=... (a running API may stay up: its projector pauses during the swap and carries on ' +
          'from the rebuilt checkpoint).\nExit code: 0 rebuilt, 2 bad arguments or configuration, 3 unexpected failure (the live read models are left as they were).',
      )
      .action((options: RebuildOptions) =>
        withSession(context, async (session) => {
          if (!session.readModelUrl) {
            throw new CliError(
              `EVENT_STORE=${session.config.eventStore} keeps no read-model tables to rebuild: they live in PostgreSQL ` +
                '(DATABASE_URL, or the embedded database when it is unset)',
            );
          }
          const dataSource = await openReadModelDataSource({ url: session.readModelUrl, poolSize: 2 });
          const progress = createProgress(context.io, 'rebuild');
          let report: RebuildReport;
          try {
            const total = await session.countEvents();
            report = await rebuildReadModels(
              {
                eventStore: session.store,
                db: typeOrmSql(dataSource),
                pageSize: options.pageSize,
                countEvents: total === null ? undefined : async () => total,
              },
              (p: RebuildProgress) => {
                if (p.phase !== 'counting') progress.update(p.done, p.total, p.eventsPerSecond);
              },
            );
          } finally {
            progress.finish();
            await dataSource.destroy();
          }
          const { stdout } = context.io;
          if (options.json) {
            writeLine(stdout, JSON.stringify(report, null, 2));
            return;
          }
          writeLine(
            stdout,
            `rebuilt the read models from ${report.events} events (${report.tailEvents} appended during the rebuild) into ${report.rows} rows ` +
              `in ${report.seconds.toFixed(2)} s (${Math.round(report.eventsPerSecond)} events/s)`,
          );
          writeLine(stdout, `checkpoint ${report.checkpoint ?? 'none (the log is empty)'}`);
        }),
      );
  },
};
