// `ledger diff <campaignId> --from <moment> --to <moment>`: what changed in a campaign between two moments, who did it and why.
import { diffBetween, type CampaignDiff } from '@campaign-ledger/audit';
import { officeCalendar } from '@campaign-ledger/office-time';
import { writeLine } from '../cli-io';
import { createProgress } from '../progress';
import { renderTable } from '../table';
import { MOMENT_HELP, notFound } from './as-of.command';
import { withSession, type CommandContext, type LedgerCommand } from './command';

interface DiffOptions {
  readonly from: string;
  readonly to: string;
  readonly json?: boolean;
}

export const diffCommand: LedgerCommand = {
  name: 'diff',
  register(program, context) {
    program
      .command('diff')
      .description('what changed in a campaign between two moments: instances completed or reopened, tasks added or cancelled, deadlines moved')
      .argument('<campaignId>', 'the campaign')
      .requiredOption('--from <moment>', 'the earlier moment: changes recorded after it are listed')
      .requiredOption('--to <moment>', 'the later moment: changes recorded up to it are listed')
      .option('--json', 'print the diff as JSON (the shape GET /api/campaigns/:id/diff answers)')
      .addHelpText('after', `\n${MOMENT_HELP}\n\nExit code: 0 ok, 1 no such campaign, 2 bad arguments (including --from after --to) or configuration.`)
      .action((campaignId: string, options: DiffOptions) => diff(context, campaignId, options));
  },
};

async function diff(context: CommandContext, campaignId: string, options: DiffOptions): Promise<void> {
  await withSession(context, async (session) => {
    const progress = createProgress(context.io, 'diff');
    const total = await session.countEvents();
    let result: CampaignDiff;
    try {
      result = await diffBetween(session.store, campaignId, options.from, options.to, (p) => progress.update(p.events, p.total), { total });
    } catch (error) {
      throw notFound(error);
    } finally {
      progress.finish();
    }
    writeLine(context.io.stdout, options.json ? JSON.stringify(result, null, 2) : renderDiff(result));
  });
}

function renderDiff(result: CampaignDiff): string {
  const office = officeCalendar();
  const { summary } = result;
  const header =
    `campaign ${result.campaignId}: changes recorded after ${result.from} (office day ${result.fromOfficeDate}) ` +
    `up to ${result.to} (office day ${result.toOfficeDate})`;
  const totals =
    `${summary.completed} completed, ${summary.reopened} reopened, ${summary.added} task(s) added, ` +
    `${summary.cancelled} cancelled, ${summary.deadlineMoved} deadline(s) moved`;
  if (result.changes.length === 0) return `${header}\n\nno changes\n\n${totals}`;
  const rows = result.changes.map((c) => [
    office.wallClock(new Date(c.recordedAt)),
    c.type,
    c.branchId ?? '(plan)',
    c.instanceKey ?? c.taskId,
    c.title ?? '',
    `${c.actorId} (${c.actorRole})`,
    c.change === 'deadlineMoved' ? `${c.previousDueDate} → ${c.dueDate}; ${c.reason ?? ''}` : (c.reason ?? c.note ?? ''),
  ]);
  return [
    header,
    '',
    renderTable([`recorded (${office.label})`, 'type', 'branch', 'instance / task', 'title', 'actor (role)', 'reason / note'], rows),
    '',
    totals,
  ].join('\n');
}
