// `ledger as-of <campaignId> --at <moment>`: a campaign's progress, participation and overdue work as they stood then.
import { CampaignNotInLogError, CampaignNotYetPlannedError, stateAsOf, type StateAsOf } from '@campaign-ledger/audit';
import { percent, type Ratio } from '@campaign-ledger/domain';
import type { Progress as Figures } from '@campaign-ledger/projections';
import { CliError, ExitCode, writeLine } from '../cli-io';
import { createProgress } from '../progress';
import { renderTable } from '../table';
import { withSession, type CommandContext, type LedgerCommand } from './command';

interface AsOfOptions {
  readonly at: string;
  readonly json?: boolean;
}

export const MOMENT_HELP =
  'A moment is an ISO instant with its time zone (2009-03-20T10:00:00Z, 2009-03-20T18:00:00+08:00) or a day (2009-03-20),\n' +
  'meaning the end of that office day in the office time zone (OFFICE_TIME_ZONE, default Asia/Shanghai). The log is read in\n' +
  'order up to the first event recorded after the moment.';

export const asOfCommand: LedgerCommand = {
  name: 'as-of',
  register(program, context) {
    program
      .command('as-of')
      .description("a campaign's progress per stage and phase, participation, overdue work and branch ranking as they stood at a moment")
      .argument('<campaignId>', 'the campaign')
      .requiredOption('--at <moment>', 'an ISO instant with its time zone, or a day (YYYY-MM-DD) meaning the end of that office day')
      .option('--json', 'print the whole state as JSON (the shape GET /api/campaigns/:id/as-of answers)')
      .addHelpText('after', `\n${MOMENT_HELP}\n\nExit code: 0 ok, 1 no such campaign (or not yet planned at that moment), 2 bad arguments or configuration.`)
      .action((campaignId: string, options: AsOfOptions) => asOf(context, campaignId, options));
  },
};

async function asOf(context: CommandContext, campaignId: string, options: AsOfOptions): Promise<void> {
  await withSession(context, async (session) => {
    const progress = createProgress(context.io, 'as-of');
    const total = await session.countEvents();
    let state: StateAsOf;
    const started = performance.now();
    try {
      state = await stateAsOf(session.store, campaignId, options.at, (p) => progress.update(p.events, p.total), { total });
    } catch (error) {
      throw notFound(error);
    } finally {
      progress.finish();
    }
    // The time goes to stderr, so that stdout (--json) stays the answer alone.
    const seconds = (performance.now() - started) / 1000;
    writeLine(
      context.io.stderr,
      `as-of: read ${state.eventsRead.toLocaleString('en-US')} events, replayed ${state.eventsReplayed.toLocaleString('en-US')} in ${seconds.toFixed(1)} s`,
    );
    writeLine(context.io.stdout, options.json ? JSON.stringify(state, null, 2) : renderState(state));
  });
}

/** A campaign missing from the log (or from its prefix) is an answer, not a usage mistake: exit 1. */
export function notFound(error: unknown): unknown {
  if (error instanceof CampaignNotInLogError || error instanceof CampaignNotYetPlannedError) return new CliError(error.message, ExitCode.broken);
  return error;
}

export function showRatio(r: Ratio): string {
  const share = percent(r);
  return `${r.numerator}/${r.denominator}${share === null ? '' : ` (${share}%)`}`;
}

function renderState(state: StateAsOf): string {
  const { overview } = state;
  const row = (scope: string, name: string, figures: Figures) => [
    scope,
    name,
    String(figures.applicable),
    String(figures.done),
    showRatio(figures.completion),
    String(figures.overdue),
  ];
  const rows = [row('campaign', overview.name, overview.totals)];
  for (const stage of overview.stages) {
    rows.push(row(`stage ${stage.stageId}`, `${stage.name} (${stage.status})`, stage));
    for (const phase of stage.phases) rows.push(row(`└ phase ${phase.phaseId}`, phase.name, phase));
  }
  for (const phase of overview.phases) rows.push(row(`phase ${phase.phaseId}`, phase.name, phase));
  if (overview.unphased.applicable > 0) rows.push(row('no phase', 'tracks', overview.unphased));
  const participation = state.participation.overall;
  const ranking = state.ranking.map((r) => [String(r.rank), r.branchId, r.name, showRatio(r.completion), showRatio(r.participation.byPersonSession)]);
  return [
    `${overview.name} (${state.campaignId}) as of ${state.at}, office day ${state.officeDate}`,
    `log read up to position ${state.position ?? '-'}: ${state.eventsRead} events, ${state.eventsReplayed} of them about this campaign`,
    '',
    renderTable(['scope', 'name', 'applicable', 'done', 'completion', 'overdue'], rows),
    '',
    `participation (参学率): by person ${showRatio(participation.byPerson)}, by person-session ${showRatio(participation.byPersonSession)}, ` +
      `attendance ${showRatio(participation.attendance)}, ${participation.sessions} session(s)`,
    `overdue: ${state.overdue.red} instance(s) red (past due), ${state.overdue.amber} amber (due within ${overview.warnings.amberWithinDays} days)`,
    `half-year check (双过半): time ${showRatio(overview.halfYear.timeProgress)}, work ${showRatio(overview.halfYear.workProgress)}, ` +
      `${overview.halfYear.passes ? 'passes' : 'does not pass'}`,
    '',
    ranking.length > 0 ? renderTable(['rank', 'branch', 'name', 'completion', 'participation (人次)'], ranking) : 'no branches',
  ].join('\n');
}
