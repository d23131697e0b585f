// `ledger history --campaign ID | --branch CAMPAIGN:BRANCH | --member ID | --stream ID`: who did what, when and why.
import { InvalidArgumentError } from 'commander';
import { history, type HistoryFilter, type HistoryPage } from '@campaign-ledger/audit';
import { officeCalendar } from '@campaign-ledger/office-time';
import { StreamCategories, branchWorkStream, campaignStream } from '@campaign-ledger/domain';
import { CliError, writeLine } from '../cli-io';
import { renderTable } from '../table';
import { positiveInteger, withSession, type LedgerCommand } from './command';

interface HistoryOptions {
  readonly campaign?: string;
  readonly branch?: string;
  readonly member?: string;
  readonly stream?: string;
  readonly type: string[];
  readonly from?: string;
  readonly to?: string;
  readonly recorded?: boolean;
  readonly includeAuditorReads?: boolean;
  readonly page: number;
  readonly pageSize: number;
  readonly json?: boolean;
}

const collect = (value: string, previous: string[]) => [
  ...previous,
  ...value
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean),
];

function pageSize(value: string): number {
  const size = positiveInteger(value);
  if (size > 1000) throw new InvalidArgumentError('must be at most 1000');
  return size;
}

export const historyCommand: LedgerCommand = {
  name: 'history',
  register(program, context) {
    program
      .command('history')
      .description('the history of a campaign, a branch or a member: every event with actor, role, times, reason and evidence hashes')
      .option('--campaign <id>', "a campaign: its own stream and every branch's work in it")
      .option('--branch <campaign:branch>', "one branch's work in one campaign")
      .option('--member <id>', 'everything about one member, in any stream')
      .option('--stream <id>', 'one stream by its id')
      .option('--type <type>', 'only these event types (repeat or separate with commas)', collect, [])
      .option('--from <date>', 'from this office day (YYYY-MM-DD, office time zone) or ISO date-time, inclusive')
      .option('--to <date>', 'up to this office day or ISO date-time, inclusive')
      .option('--recorded', 'apply --from/--to to when the database recorded the event, not when it occurred')
      .option('--include-auditor-reads', "also list auditors' read records")
      .option('--page <n>', 'page number', positiveInteger, 1)
      .option('--page-size <n>', 'events per page (at most 1000)', pageSize, 100)
      .option('--json', 'print the page as JSON')
      .action((options: HistoryOptions) => {
        const filter = toFilter(options);
        return withSession(context, async (session) => {
          const page = await history(session.store, filter);
          if (options.json) writeLine(context.io.stdout, JSON.stringify(page, null, 2));
          else writeLine(context.io.stdout, renderHistory(page));
        });
      });
  },
};

function toFilter(options: HistoryOptions): HistoryFilter {
  const subjects = (['campaign', 'branch', 'member', 'stream'] as const).filter((key) => options[key] !== undefined);
  if (subjects.length !== 1) {
    throw new CliError(
      subjects.length === 0
        ? 'say whose history: --campaign ID, --branch CAMPAIGN:BRANCH, --member ID or --stream ID'
        : `choose one of --campaign, --branch, --member, --stream (got ${subjects.map((s) => `--${s}`).join(' and ')})`,
    );
  }
  const base = {
    types: options.type,
    from: options.from,
    to: options.to,
    timeField: options.recorded ? ('recordedAt' as const) : ('occurredAt' as const),
    includeAuditorReads: options.includeAuditorReads ?? false,
    page: options.page,
    pageSize: options.pageSize,
  };
  if (options.campaign !== undefined) {
    return { ...base, streams: [campaignStream(options.campaign)], streamPrefixes: [`${StreamCategories.branchWork}-${options.campaign}:`] };
  }
  if (options.branch !== undefined) {
    const [campaignId, branchId, ...rest] = options.branch.split(':');
    if (!campaignId || !branchId || rest.length > 0) throw new CliError(`--branch must be CAMPAIGN:BRANCH, not "${options.branch}"`);
    return { ...base, streams: [branchWorkStream(campaignId, branchId)] };
  }
  if (options.member !== undefined) return { ...base, memberId: options.member };
  return { ...base, streams: [options.stream as string] };
}

function renderHistory(page: HistoryPage): string {
  if (page.total === 0) return 'no events match';
  const office = officeCalendar();
  const inOffice = (iso: string) => (Number.isNaN(Date.parse(iso)) ? iso : office.wallClock(new Date(iso)));
  const rows = page.items.map((entry) => [
    inOffice(entry.occurredAt),
    inOffice(entry.recordedAt),
    `${entry.streamId}@${entry.revision}`,
    entry.type,
    `${entry.actor.id} (${entry.actor.role})`,
    entry.reason ?? '',
    entry.evidence.map((file) => file.sha256.slice(0, 16)).join(' '),
  ]);
  const table = renderTable(
    [`occurred (${office.label})`, `recorded (${office.label})`, 'stream@revision', 'type', 'actor (role)', 'reason', 'evidence sha256'],
    rows,
  );
  const shown = page.items.length === 0 ? 'none' : `${(page.page - 1) * page.pageSize + 1}-${(page.page - 1) * page.pageSize + page.items.length}`;
  return `${table}\n\nevents ${shown} of ${page.total} (page ${page.page} of ${page.pages})`;
}
