// `ledger template load <file.json> | --builtin ID [--plan ...]`: check a campaign template, and optionally plan a campaign from it.
import { readFile } from 'node:fs/promises';
import {
  BranchNotFound,
  builtinTemplates,
  campaignDecider,
  campaignStream,
  findBuiltinTemplate,
  foldEvents,
  isIsoDate,
  organisationDecider,
  organisationStream,
  parseTemplate,
  plannedEnd,
  templateSummary,
  UnitNotRegistered,
  type CampaignEvent,
  type CampaignTemplate,
  type OrganisationEvent,
  type ParseTemplateResult,
  type TemplateError,
} from '@campaign-ledger/domain';
import { formatPosition, type EventStore } from '@campaign-ledger/event-store';
import { CliError, ExitCode, writeLine, type CliIo } from '../cli-io';
import { withSession, type CommandContext, type LedgerCommand } from './command';

interface LoadOptions {
  readonly builtin?: string;
  readonly json?: boolean;
  readonly plan?: boolean;
  readonly unit?: string;
  readonly campaign?: string;
  readonly title?: string;
  readonly start?: string;
  readonly end?: string;
  readonly officeBranch?: string;
  readonly by?: string;
}

/** The API's rule for campaign ids (plan-campaign.dto.ts): safe in stream ids, instance keys and URLs. */
const CAMPAIGN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const PLAN_OPTIONS = ['unit', 'campaign', 'title', 'start', 'end', 'officeBranch', 'by'] as const;
const flag = (name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export const templateCommand: LedgerCommand = {
  name: 'template',
  register(program, context) {
    const template = program.command('template').description('campaign templates: check one of your own, or plan a campaign from it');
    template
      .command('load [file]')
      .description(
        'check a campaign template (JSON, the format of POST /api/templates/validate): every problem is printed with its JSON path; ' +
          'with --plan, plan a campaign from it in the configured event store, as POST /api/campaigns does',
      )
      .option('--builtin <id>', `a template shipped with the ledger instead of a file (${builtinTemplates.map((t) => t.id).join(', ')})`)
      .option('--json', 'print the result (summary and template, or the problems) as JSON')
      .option('--plan', 'plan a campaign from the template (needs --unit, --campaign, --title, --start)')
      .option('--unit <unitId>', 'with --plan: the registered unit running the campaign')
      .option('--campaign <id>', "with --plan: the new campaign's id (letters, digits, dot, dash, underscore)")
      .option('--title <name>', "with --plan: the campaign's name, e.g. 深入学习实践科学发展观活动")
      .option('--start <date>', 'with --plan: Monday of week 1 (YYYY-MM-DD)')
      .option('--end <date>', 'with --plan: last day (YYYY-MM-DD); default: the Sunday of the last week the template plans')
      .option('--office-branch <branchId>', 'with --plan: the branch keeping unit- and division-level work (default: the unit level)')
      .option('--by <account>', 'with --plan: who plans it, recorded as the actor (role leading_group); default cli:$USER')
      .addHelpText(
        'after',
        [
          '',
          'Examples:',
          '  ledger template load my-campaign.json',
          '  ledger template load --builtin sdp-2009',
          '  ledger template load my-campaign.json --plan --unit U1 --campaign C2024 --title 主题教育 --start 2024-04-01',
          '',
          'Exit code: 0 valid (and planned), 2 the template has problems (nothing is written) or bad arguments or configuration.',
        ].join('\n'),
      )
      .action((file: string | undefined, options: LoadOptions) => load(context, file, options));
  },
};

async function load(context: CommandContext, file: string | undefined, options: LoadOptions): Promise<void> {
  checkPlanOptions(options);
  const { result, name } = await readTemplate(context, file, options.builtin);
  const { stdout } = context.io;
  if (!result.ok) {
    context.setExitCode(ExitCode.usage);
    if (options.json) writeLine(stdout, JSON.stringify({ valid: false, source: name, errors: result.errors }, null, 2));
    else writeProblems(context.io, name, result.errors, options.plan === true);
    return;
  }
  if (options.json && !options.plan) {
    writeLine(stdout, JSON.stringify({ valid: true, source: name, summary: templateSummary(result.template), template: result.template }, null, 2));
    return;
  }
  if (!options.json) writeLine(stdout, describe(name, result.template));
  if (options.plan) await plan(context, result.template, name, options);
}

function checkPlanOptions(options: LoadOptions): void {
  const given = PLAN_OPTIONS.filter((key) => options[key] !== undefined);
  if (!options.plan) {
    if (given.length > 0) throw new CliError(`${given.map(flag).join(', ')} go${given.length === 1 ? 'es' : ''} with --plan`);
    return;
  }
  const missing = (['unit', 'campaign', 'title', 'start'] as const).filter((key) => !options[key]?.trim());
  if (missing.length > 0) throw new CliError(`--plan needs --unit, --campaign, --title and --start (missing: ${missing.map(flag).join(', ')})`);
  if (!CAMPAIGN_ID.test(options.campaign as string)) {
    throw new CliError(`--campaign must be 1..100 letters, digits, dot, dash or underscore, starting with a letter or digit (not "${options.campaign}")`);
  }
  for (const key of ['start', 'end'] as const) {
    const value = options[key];
    if (value !== undefined && !isIsoDate(value)) throw new CliError(`${flag(key)} must be a date written YYYY-MM-DD (not "${value}")`);
  }
}

async function readTemplate(
  context: CommandContext,
  file: string | undefined,
  builtin: string | undefined,
): Promise<{ result: ParseTemplateResult; name: string }> {
  if (file !== undefined && builtin !== undefined) throw new CliError('give a template file or --builtin <id>, not both');
  if (builtin !== undefined) {
    const found = findBuiltinTemplate(builtin);
    if (!found) throw new CliError(`there is no built-in template "${builtin}"; pick one of: ${builtinTemplates.map((t) => t.id).join(', ')}`);
    // Loading a shipped template runs it through parseTemplate, the same checks as a user's file.
    return { result: { ok: true, template: found.load() }, name: `built-in ${found.id}` };
  }
  if (file === undefined) throw new CliError('name the template: ledger template load <file.json>, or --builtin <id>');
  let text: string;
  try {
    text = await readFile(context.path(file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CliError(`${file} is not JSON: ${(error as Error).message}; a template is one JSON object`);
  }
  return { result: parseTemplate(json), name: file };
}

function writeProblems(io: CliIo, name: string, errors: readonly TemplateError[], planning: boolean): void {
  writeLine(io.stdout, `INVALID ${name}: ${errors.length} problem(s)`);
  for (const error of errors) writeLine(io.stdout, `  ${error.path}: ${error.message}`);
  io.stderr.write(`fix the template at these JSON paths and run again${planning ? '; nothing was planned' : ''}\n`);
}

function describe(name: string, template: CampaignTemplate): string {
  const s = templateSummary(template);
  const weeks = (w: { from: number; to: number } | null) => (w ? ` (weeks ${w.from}-${w.to})` : '');
  const tasksOf = (match: (t: CampaignTemplate['tasks'][number]) => boolean) => template.tasks.filter(match).length;
  const lines = [
    `OK ${name}: ${s.name}${s.code ? ` [${s.code}]` : ''}: ${s.counts.stages} stages, ${s.counts.phases} phases, ${s.counts.tracks} tracks, ` +
      `${s.counts.tasks} tasks${s.weeks ? `, ${s.weeks} weeks` : ''}`,
  ];
  for (const stage of template.stages) {
    lines.push(`  阶段 ${stage.id} ${stage.name}${weeks(stage.weeks)}: ${tasksOf((t) => t.stageId === stage.id)} tasks`);
    for (const phase of template.phases.filter((p) => p.stageId === stage.id)) {
      lines.push(`    环节 ${phase.id} ${phase.name}${weeks(phase.weeks)}: ${tasksOf((t) => t.phaseId === phase.id)} tasks`);
    }
  }
  for (const phase of template.phases.filter((p) => p.stageId === null)) {
    lines.push(`  环节 ${phase.id} ${phase.name}${weeks(phase.weeks)}: ${tasksOf((t) => t.phaseId === phase.id)} tasks`);
  }
  for (const track of template.tracks) lines.push(`  重点措施 ${track.id} ${track.name}: ${tasksOf((t) => t.trackId === track.id)} tasks`);
  return lines.join('\n');
}

/** As the API's plan-campaign handler: the unit must be registered, the office branch must exist, the decider has the last word. */
async function plan(context: CommandContext, template: CampaignTemplate, source: string, options: LoadOptions): Promise<void> {
  const unitId = (options.unit as string).trim();
  const campaignId = options.campaign as string;
  const startDate = options.start as string;
  const by = options.by?.trim() || `cli:${context.io.env.USER || context.io.env.USERNAME || 'operator'}`;
  await withSession(context, async (session) => {
    const organisation = foldEvents(organisationDecider, await messages<OrganisationEvent>(session.store, organisationStream(unitId)));
    if (organisation.status !== 'registered') throw UnitNotRegistered.yet();
    if (options.officeBranch !== undefined && !organisation.branches[options.officeBranch]) throw BranchNotFound.withId(options.officeBranch);
    const endDate = options.end ?? plannedEnd(template, startDate);
    if (endDate === null) throw new CliError('--end is required: the template says neither its length in weeks nor any due week or date');
    const streamId = campaignStream(campaignId);
    const recorded = await session.store.readStream(streamId);
    const history = recorded.map((event) => ({ type: event.type, data: event.data }) as CampaignEvent);
    const events = campaignDecider.decide(
      {
        type: 'PlanCampaign',
        data: { campaignId, name: options.title as string, unitId, template, startDate, endDate, createdBy: by, officeBranchId: options.officeBranch ?? null },
      },
      foldEvents(campaignDecider, history),
    );
    const appended = await session.store.append(streamId, events, {
      expectedRevision: recorded.length === 0 ? 'no_stream' : recorded[recorded.length - 1].revision,
      metadata: { actor: { id: by, role: 'leading_group' } },
    });
    const planned = events.find((e) => e.type === 'CampaignPlanned');
    const tasks = planned?.type === 'CampaignPlanned' ? planned.data.plan.tasks.length : template.tasks.length;
    const result = {
      campaignId,
      unitId,
      name: options.title,
      startDate,
      endDate,
      template: source,
      tasks,
      stream: streamId,
      revision: appended.nextRevision,
      position: formatPosition(appended.logPosition),
      by,
    };
    if (options.json) writeLine(context.io.stdout, JSON.stringify({ valid: true, planned: result }, null, 2));
    else {
      writeLine(
        context.io.stdout,
        `planned campaign ${campaignId} "${options.title}" for unit ${unitId}: ${startDate} to ${endDate}, ${tasks} tasks ` +
          `(${streamId}@${appended.nextRevision}, log position ${result.position}, by ${by})`,
      );
    }
  });
}

async function messages<E>(store: EventStore, streamId: string): Promise<E[]> {
  return (await store.readStream(streamId)).map((event) => ({ type: event.type, data: event.data }) as E);
}
