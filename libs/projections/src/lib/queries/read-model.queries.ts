// The read-model queries: pure functions over rows and grouped sums, run on the database or on an in-memory snapshot.
import {
  addDays, halfYearCheck, InstanceKeys, isBefore, isAfter, overdueColour, ratio, UNIT_LEVEL_BRANCH_ID,
  type HalfYearCheck, type OverdueColour, type Ratio,
} from '@campaign-ledger/domain';
import type { BranchRow, CampaignRow, InstanceRow, PhaseRow, StageRow, TaskRow } from '../rows/tables';
import type { ReadModelSource } from './source';

export const DEFAULT_AMBER_DAYS = 7;

export interface Progress {
  readonly applicable: number;
  readonly done: number;
  /** Applicable instances due before `asOf` and not done. */
  readonly overdue: number;
  /** done ÷ applicable. */
  readonly completion: Ratio;
}

export interface QueryOptions {
  /** The day figures are evaluated on (overdue, colours, half-year check): 'YYYY-MM-DD'. */
  readonly asOf: string;
  readonly amberWithinDays?: number;
}

export interface ParticipationFigures {
  /** Members who attended or made up every session they were expected at ÷ members expected at any session. */
  readonly byPerson: Ratio;
  /** Person-sessions (人次) attended or made up ÷ person-sessions expected. */
  readonly byPersonSession: Ratio;
  /** Present ÷ expected over the sessions (到会率). */
  readonly attendance: Ratio;
  readonly sessions: number;
}

interface CounterSums { applicable: number; done: number }
interface CounterGroup extends CounterSums { cancelled: boolean; due_date?: string; stage_id?: string | null; phase_id?: string | null; branch_id?: string }

const byText = (a: string | null | undefined, b: string | null | undefined): number => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

function progressOf(groups: readonly CounterGroup[], asOf: string): Progress {
  let applicable = 0;
  let done = 0;
  let overdue = 0;
  for (const g of groups) {
    if (g.cancelled) continue;
    applicable += g.applicable;
    done += g.done;
    if (g.due_date !== undefined && isBefore(g.due_date, asOf)) overdue += g.applicable - g.done;
  }
  return { applicable, done, overdue, completion: ratio(done, applicable) };
}

function colourCounts(groups: readonly CounterGroup[], asOf: string, amberDays: number): { red: number; amber: number } {
  let red = 0;
  let amber = 0;
  const amberUntil = addDays(asOf, amberDays);
  for (const g of groups) {
    if (g.cancelled || g.due_date === undefined) continue;
    const open = g.applicable - g.done;
    if (isBefore(g.due_date, asOf)) red += open;
    else if (!isAfter(g.due_date, amberUntil)) amber += open;
  }
  return { red, amber };
}

async function campaignOrThrow(source: ReadModelSource, campaignId: string): Promise<CampaignRow> {
  const [campaign] = await source.rows('campaign', { campaign_id: campaignId });
  if (!campaign) throw new CampaignNotProjected(campaignId);
  return campaign;
}

export class CampaignNotProjected extends Error {
  readonly code = 'READ_MODEL.CAMPAIGN_NOT_FOUND';
  constructor(readonly campaignId: string) {
    super(`campaign ${campaignId} is not in the read model (unknown, or not projected yet)`);
  }
}

function participationOf(
  sessions: readonly { expected: number; present: number; made_up: number; count: number }[],
  people: readonly { complete: boolean; count: number }[],
): ParticipationFigures {
  let expected = 0;
  let present = 0;
  let madeUp = 0;
  let count = 0;
  for (const s of sessions) {
    expected += s.expected;
    present += s.present;
    madeUp += s.made_up;
    count += s.count;
  }
  const members = people.reduce((sum, p) => sum + p.count, 0);
  const complete = people.reduce((sum, p) => sum + (p.complete ? p.count : 0), 0);
  return { byPerson: ratio(complete, members), byPersonSession: ratio(present + madeUp, expected), attendance: ratio(present, expected), sessions: count };
}

export interface StageOverview extends Progress {
  readonly stageId: string;
  readonly name: string;
  readonly order: number;
  readonly status: string;
  readonly openedOn: string | null;
  readonly closedOn: string | null;
  readonly carriedOver: number;
  readonly phases: PhaseOverview[];
}
export interface PhaseOverview extends Progress {
  readonly phaseId: string;
  readonly stageId: string | null;
  readonly name: string;
  readonly order: number;
}
export interface CampaignOverview {
  readonly campaignId: string;
  readonly name: string;
  readonly status: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly asOf: string;
  readonly totals: Progress;
  readonly stages: StageOverview[];
  /** Phases outside any stage (stage-less campaigns). */
  readonly phases: PhaseOverview[];
  /** Work of tasks in no phase (tracks). */
  readonly unphased: Progress;
  readonly halfYear: HalfYearCheck;
  readonly warnings: { readonly red: number; readonly amber: number; readonly amberWithinDays: number };
  readonly participation: ParticipationFigures;
}

export async function campaignOverview(source: ReadModelSource, campaignId: string, options: QueryOptions): Promise<CampaignOverview> {
  const campaign = await campaignOrThrow(source, campaignId);
  const amberDays = options.amberWithinDays ?? DEFAULT_AMBER_DAYS;
  const [stages, phases, counters, sessions, people] = await Promise.all([
    source.rows('stage', { campaign_id: campaignId }),
    source.rows('phase', { campaign_id: campaignId }),
    source.aggregate('counter', { campaign_id: campaignId }, ['stage_id', 'phase_id', 'due_date', 'cancelled'], ['applicable', 'done']),
    source.aggregate('session', { campaign_id: campaignId }, [], ['expected', 'present', 'made_up']),
    source.aggregate('participation', { campaign_id: campaignId }, ['complete'], []),
  ]);
  const phaseOverview = (p: PhaseRow): PhaseOverview => ({
    phaseId: p.phase_id, stageId: p.stage_id, name: p.name, order: p.ord, ...progressOf(counters.filter((c) => c.phase_id === p.phase_id), options.asOf),
  });
  const sortedPhases = [...phases].sort((a, b) => a.ord - b.ord || byText(a.phase_id, b.phase_id));
  const totals = progressOf(counters, options.asOf);
  return {
    campaignId, name: campaign.name, status: campaign.status, startDate: campaign.start_date, endDate: campaign.end_date, asOf: options.asOf,
    totals,
    stages: [...stages].sort((a, b) => a.ord - b.ord).map((s: StageRow) => ({
      stageId: s.stage_id, name: s.name, order: s.ord, status: s.status, openedOn: s.opened_on, closedOn: s.closed_on, carriedOver: s.carried_over,
      ...progressOf(counters.filter((c) => c.stage_id === s.stage_id), options.asOf),
      phases: sortedPhases.filter((p) => p.stage_id === s.stage_id).map(phaseOverview),
    })),
    phases: sortedPhases.filter((p) => p.stage_id === null).map(phaseOverview),
    unphased: progressOf(counters.filter((c) => c.phase_id === null), options.asOf),
    halfYear: halfYearCheck({ periodStart: campaign.start_date, periodEnd: campaign.end_date, asOf: options.asOf, done: totals.done, planned: totals.applicable }),
    warnings: { ...colourCounts(counters, options.asOf, amberDays), amberWithinDays: amberDays },
    participation: participationOf(sessions, people),
  };
}

/** 双过半 of a campaign (or any period) on a date, from the read model's done and applicable instances. */
export async function campaignHalfYearCheck(
  source: ReadModelSource, campaignId: string, asOf: string, period?: { start: string; end: string },
): Promise<HalfYearCheck> {
  const campaign = await campaignOrThrow(source, campaignId);
  const counters = await source.aggregate('counter', { campaign_id: campaignId }, ['cancelled'], ['applicable', 'done']);
  const totals = progressOf(counters, asOf);
  return halfYearCheck({
    periodStart: period?.start ?? campaign.start_date, periodEnd: period?.end ?? campaign.end_date, asOf, done: totals.done, planned: totals.applicable,
  });
}

export interface SessionFigures {
  readonly sessionId: string;
  readonly date: string;
  readonly topic: string;
  readonly expected: number;
  readonly present: number;
  readonly leave: number;
  readonly absent: number;
  readonly madeUp: number;
  /** 到会率 = present ÷ expected. */
  readonly attendance: Ratio;
  /** Person-sessions attended or made up ÷ expected. */
  readonly participation: Ratio;
}

export async function sessionFigures(source: ReadModelSource, campaignId: string, branchId: string): Promise<SessionFigures[]> {
  const sessions = await source.rows('session', { campaign_id: campaignId, branch_id: branchId });
  return sessions
    .sort((a, b) => byText(a.date, b.date) || byText(a.session_id, b.session_id))
    .map((s) => ({
      sessionId: s.session_id, date: s.date, topic: s.topic, expected: s.expected, present: s.present, leave: s.leave, absent: s.absent,
      madeUp: s.made_up, attendance: ratio(s.present, s.expected), participation: ratio(s.present + s.made_up, s.expected),
    }));
}

export async function branchParticipation(source: ReadModelSource, campaignId: string, branchId: string): Promise<ParticipationFigures> {
  const where = { campaign_id: campaignId, branch_id: branchId };
  const [sessions, people] = await Promise.all([
    source.aggregate('session', where, [], ['expected', 'present', 'made_up']),
    source.aggregate('participation', where, ['complete'], []),
  ]);
  return participationOf(sessions, people);
}

export interface BranchRanking {
  readonly rank: number;
  readonly branchId: string;
  readonly name: string;
  readonly completion: Ratio;
  readonly participation: ParticipationFigures;
}

const fractionOf = (r: Ratio): number => (r.denominator === 0 ? -1 : r.numerator / r.denominator);

/** Branches ranked by completion or by participation (person-sessions); ties keep branch order. */
export async function rankBranches(source: ReadModelSource, campaignId: string, by: 'completion' | 'participation'): Promise<BranchRanking[]> {
  const campaign = await campaignOrThrow(source, campaignId);
  const [branches, counters, sessions, people] = await Promise.all([
    source.rows('branch', { unit_id: campaign.unit_id }),
    source.aggregate('counter', { campaign_id: campaignId }, ['branch_id', 'cancelled'], ['applicable', 'done']),
    source.aggregate('session', { campaign_id: campaignId }, ['branch_id'], ['expected', 'present', 'made_up']),
    source.aggregate('participation', { campaign_id: campaignId }, ['branch_id', 'complete'], []),
  ]);
  const rows = [...branches]
    .sort((a, b) => byText(a.branch_id, b.branch_id))
    .map((b) => ({
      branchId: b.branch_id, name: b.name,
      completion: progressOf(counters.filter((c) => c.branch_id === b.branch_id), campaign.start_date).completion,
      participation: participationOf(sessions.filter((s) => s.branch_id === b.branch_id), people.filter((p) => p.branch_id === b.branch_id)),
    }));
  const score = (r: (typeof rows)[number]) => fractionOf(by === 'completion' ? r.completion : r.participation.byPersonSession);
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => score(b.r) - score(a.r) || a.i - b.i)
    .map(({ r }, i) => ({ rank: i + 1, ...r }));
}

export interface HeatMap {
  readonly phases: { readonly phaseId: string; readonly stageId: string | null; readonly name: string; readonly order: number }[];
  readonly branches: { readonly branchId: string; readonly name: string; readonly cells: Record<string, { applicable: number; done: number; completion: Ratio }> }[];
}

/** Branch × phase: applicable and done instances per cell. */
export async function branchPhaseHeatMap(source: ReadModelSource, campaignId: string): Promise<HeatMap> {
  const campaign = await campaignOrThrow(source, campaignId);
  const [branches, phases, stages, counters] = await Promise.all([
    source.rows('branch', { unit_id: campaign.unit_id }),
    source.rows('phase', { campaign_id: campaignId }),
    source.rows('stage', { campaign_id: campaignId }),
    source.aggregate('counter', { campaign_id: campaignId }, ['branch_id', 'phase_id', 'cancelled'], ['applicable', 'done']),
  ]);
  const stageOrder = new Map(stages.map((s) => [s.stage_id, s.ord]));
  const sortedPhases = [...phases].sort(
    (a, b) => (stageOrder.get(a.stage_id ?? '') ?? 0) - (stageOrder.get(b.stage_id ?? '') ?? 0) || a.ord - b.ord || byText(a.phase_id, b.phase_id),
  );
  const withUnit = campaign.office_branch_id === UNIT_LEVEL_BRANCH_ID ? [...branches, unitLevelBranch(campaign)] : branches;
  return {
    phases: sortedPhases.map((p) => ({ phaseId: p.phase_id, stageId: p.stage_id, name: p.name, order: p.ord })),
    branches: [...withUnit].sort((a, b) => byText(a.branch_id, b.branch_id)).map((b) => {
      const cells: Record<string, { applicable: number; done: number; completion: Ratio }> = {};
      for (const p of sortedPhases) {
        const { applicable, done, completion } = progressOf(counters.filter((c) => c.branch_id === b.branch_id && c.phase_id === p.phase_id), campaign.start_date);
        cells[p.phase_id] = { applicable, done, completion };
      }
      return { branchId: b.branch_id, name: b.name, cells };
    }),
  };
}

const unitLevelBranch = (campaign: CampaignRow): BranchRow => ({ unit_id: campaign.unit_id, branch_id: UNIT_LEVEL_BRANCH_ID, name: '机关（单位层面）', secretary_name: '' });

export interface WeeklyParticipation {
  readonly weekOf: string;
  readonly sessions: number;
  readonly participation: Ratio;
  readonly attendance: Ratio;
}

/** Participation and attendance per week (Monday of the session's week), over the campaign or one branch. */
export async function participationOverTime(source: ReadModelSource, campaignId: string, branchId?: string): Promise<WeeklyParticipation[]> {
  await campaignOrThrow(source, campaignId);
  const where = branchId === undefined ? { campaign_id: campaignId } : { campaign_id: campaignId, branch_id: branchId };
  const weeks = await source.aggregate('session', where, ['week_of'], ['expected', 'present', 'made_up']);
  return weeks
    .sort((a, b) => byText(a.week_of, b.week_of))
    .map((w) => ({ weekOf: w.week_of, sessions: w.count, participation: ratio(w.present + w.made_up, w.expected), attendance: ratio(w.present, w.expected) }));
}

export interface InstanceView {
  readonly instanceKey: string;
  readonly taskId: string;
  readonly title: string;
  readonly stageId: string | null;
  readonly phaseId: string | null;
  readonly scope: string;
  readonly subjectId: string;
  readonly subjectName: string | null;
  readonly weekOf: string | null;
  readonly dueDate: string;
  readonly mandatory: boolean;
  readonly status: 'open' | 'completed' | 'reopened';
  readonly completedOn: string | null;
  readonly completedBy: string | null;
  readonly evidence: string[];
  readonly reopenCount: number;
  readonly actual: number | null;
  readonly carriedOverTo: string | null | undefined;
  readonly colour: OverdueColour;
  readonly daysLeft: number;
}

/** Every applicable instance of one branch (same rules as the counters), with its status and warning colour. */
export async function branchInstances(source: ReadModelSource, campaignId: string, branchId: string, options: QueryOptions): Promise<InstanceView[]> {
  const campaign = await campaignOrThrow(source, campaignId);
  const amberDays = options.amberWithinDays ?? DEFAULT_AMBER_DAYS;
  const [tasks, members, divisions, instances] = await Promise.all([
    source.rows('task', { campaign_id: campaignId }),
    source.rows('member', { unit_id: campaign.unit_id, branch_id: branchId }),
    branchId === campaign.office_branch_id ? source.rows('division', { unit_id: campaign.unit_id }) : Promise.resolve([]),
    source.rows('instance', { campaign_id: campaignId, branch_id: branchId }),
  ]);
  const work = new Map<string, InstanceRow>(instances.map((i) => [i.instance_key, i]));
  const active = members.filter((m) => m.status === 'active').sort((a, b) => byText(a.member_id, b.member_id));
  const isOffice = branchId === campaign.office_branch_id;
  const isReal = branchId !== UNIT_LEVEL_BRANCH_ID;
  const out: InstanceView[] = [];
  const push = (task: TaskRow, key: string, subjectId: string, subjectName: string | null, dueDate: string, weekOf: string | null) => {
    const row = work.get(key);
    const status = row?.status ?? 'open';
    const { colour, daysLeft } = overdueColour({ dueDate, asOf: options.asOf, done: status === 'completed', amberWithinDays: amberDays });
    out.push({
      instanceKey: key, taskId: task.task_id, title: task.title, stageId: task.stage_id, phaseId: task.phase_id, scope: task.scope, subjectId, subjectName,
      weekOf, dueDate, mandatory: task.mandatory, status, completedOn: row?.completed_on ?? null, completedBy: row?.completed_by ?? null,
      evidence: row?.evidence ?? [], reopenCount: row?.reopen_count ?? 0, actual: row?.actual ?? null,
      carriedOverTo: row?.carried_over ? row.carried_over_to : undefined, colour, daysLeft,
    });
  };
  for (const task of [...tasks].sort((a, b) => a.ord - b.ord)) {
    if (task.cancelled) continue;
    switch (task.scope) {
      case 'unit':
        if (isOffice) push(task, InstanceKeys.unit(task.task_id), campaign.unit_id, null, task.due_date, null);
        break;
      case 'division':
        if (isOffice) for (const d of [...divisions].sort((a, b) => byText(a.division_id, b.division_id))) push(task, InstanceKeys.division(task.task_id, d.division_id), d.division_id, d.name, task.due_date, null);
        break;
      case 'branch':
        if (isReal) push(task, InstanceKeys.branch(task.task_id, branchId), branchId, null, task.due_date, null);
        break;
      case 'branch_recurring_weekly':
        if (isReal) for (const w of task.recurring_weeks) push(task, InstanceKeys.weekly(task.task_id, branchId, w.weekOf), branchId, null, w.dueDate, w.weekOf);
        break;
      case 'member':
        if (isReal) for (const m of active) push(task, InstanceKeys.member(task.task_id, m.member_id), m.member_id, m.name, task.due_date, null);
        break;
      case 'leader':
        if (isReal) for (const m of active) if (m.is_leader) push(task, InstanceKeys.leader(task.task_id, m.member_id), m.member_id, m.name, task.due_date, null);
        break;
      default:
        break;
    }
  }
  return out;
}

export interface WarningInstance extends InstanceView {
  readonly branchId: string;
}

/** Overdue (red) and due-soon (amber) instances, most overdue first; over the whole campaign or one branch. */
export async function overdueInstances(
  source: ReadModelSource, campaignId: string, options: QueryOptions & { branchId?: string; limit?: number },
): Promise<{ red: number; amber: number; instances: WarningInstance[] }> {
  const campaign = await campaignOrThrow(source, campaignId);
  const amberDays = options.amberWithinDays ?? DEFAULT_AMBER_DAYS;
  const limit = options.limit ?? 200;
  const where = options.branchId === undefined ? { campaign_id: campaignId } : { campaign_id: campaignId, branch_id: options.branchId };
  const counters = await source.aggregate('counter', where, ['branch_id', 'due_date', 'cancelled'], ['applicable', 'done']);
  const perBranch = new Map<string, { red: number; amber: number }>();
  for (const c of counters) {
    const counts = colourCounts([c], options.asOf, amberDays);
    const entry = perBranch.get(c.branch_id) ?? { red: 0, amber: 0 };
    perBranch.set(c.branch_id, { red: entry.red + counts.red, amber: entry.amber + counts.amber });
  }
  const totals = colourCounts(counters, options.asOf, amberDays);
  const branchOrder = [...perBranch.entries()]
    .filter(([, c]) => c.red + c.amber > 0)
    .sort((a, b) => b[1].red - a[1].red || b[1].amber - a[1].amber || byText(a[0], b[0]))
    .map(([branchId]) => branchId);
  const found: WarningInstance[] = [];
  for (const branchId of branchOrder) {
    if (found.length >= limit) break;
    const list = await branchInstances(source, campaign.campaign_id, branchId, options);
    for (const i of list) if (i.colour !== 'green') found.push({ ...i, branchId });
  }
  found.sort((a, b) => a.daysLeft - b.daysLeft || byText(a.branchId, b.branchId) || byText(a.instanceKey, b.instanceKey));
  return { ...totals, instances: found.slice(0, limit) };
}

export interface ThreeOnesView {
  readonly memberId: string;
  readonly name: string | null;
  readonly reading: string | null;
  readonly talk: string | null;
  readonly essay: string | null;
  readonly complete: boolean;
}

/** "Three ones" per active or exempt member of a branch (with whatever was recorded). */
export async function branchThreeOnes(source: ReadModelSource, campaignId: string, branchId: string): Promise<{ members: ThreeOnesView[]; complete: Ratio }> {
  const campaign = await campaignOrThrow(source, campaignId);
  const [members, records] = await Promise.all([
    source.rows('member', { unit_id: campaign.unit_id, branch_id: branchId }),
    source.rows('three_ones', { campaign_id: campaignId, branch_id: branchId }),
  ]);
  const byMember = new Map(records.map((r) => [r.member_id, r]));
  const ids = new Set([...members.filter((m) => m.status === 'active').map((m) => m.member_id), ...records.map((r) => r.member_id)]);
  const names = new Map(members.map((m) => [m.member_id, m.name]));
  const list = [...ids].sort().map((memberId) => {
    const r = byMember.get(memberId);
    const reading = r?.reading_on ?? null;
    const talk = r?.talk_on ?? null;
    const essay = r?.essay_on ?? null;
    return { memberId, name: names.get(memberId) ?? null, reading, talk, essay, complete: reading !== null && talk !== null && essay !== null };
  });
  return { members: list, complete: ratio(list.filter((m) => m.complete).length, list.length) };
}

export interface BranchDashboard {
  readonly campaignId: string;
  readonly branchId: string;
  readonly name: string;
  readonly secretaryName: string | null;
  readonly asOf: string;
  readonly totals: Progress;
  readonly phases: (PhaseOverview & { instances: InstanceView[] })[];
  /** Instances of tasks in no phase. */
  readonly unphased: InstanceView[];
  readonly warnings: { red: number; amber: number; amberWithinDays: number };
  readonly sessions: SessionFigures[];
  readonly participation: ParticipationFigures;
  readonly participationByWeek: WeeklyParticipation[];
  readonly threeOnes: { members: ThreeOnesView[]; complete: Ratio };
}

export class BranchNotProjected extends Error {
  readonly code = 'READ_MODEL.BRANCH_NOT_FOUND';
  constructor(readonly branchId: string) {
    super(`branch ${branchId} is not in the read model`);
  }
}

export async function branchDashboard(source: ReadModelSource, campaignId: string, branchId: string, options: QueryOptions): Promise<BranchDashboard> {
  const campaign = await campaignOrThrow(source, campaignId);
  const amberDays = options.amberWithinDays ?? DEFAULT_AMBER_DAYS;
  const [branchRows, phases, counters, instances, sessions, participation, weeks, threeOnes] = await Promise.all([
    source.rows('branch', { unit_id: campaign.unit_id, branch_id: branchId }),
    source.rows('phase', { campaign_id: campaignId }),
    source.aggregate('counter', { campaign_id: campaignId, branch_id: branchId }, ['phase_id', 'due_date', 'cancelled'], ['applicable', 'done']),
    branchInstances(source, campaignId, branchId, options),
    sessionFigures(source, campaignId, branchId),
    branchParticipation(source, campaignId, branchId),
    participationOverTime(source, campaignId, branchId),
    branchThreeOnes(source, campaignId, branchId),
  ]);
  const branch = branchRows[0] ?? (branchId === campaign.office_branch_id ? unitLevelBranch(campaign) : undefined);
  if (!branch) throw new BranchNotProjected(branchId);
  return {
    campaignId, branchId, name: branch.name, secretaryName: branch.secretary_name || null, asOf: options.asOf,
    totals: progressOf(counters, options.asOf),
    phases: [...phases]
      .sort((a, b) => a.ord - b.ord || byText(a.phase_id, b.phase_id))
      .map((p) => ({
        phaseId: p.phase_id, stageId: p.stage_id, name: p.name, order: p.ord, ...progressOf(counters.filter((c) => c.phase_id === p.phase_id), options.asOf),
        instances: instances.filter((i) => i.phaseId === p.phase_id),
      })),
    unphased: instances.filter((i) => i.phaseId === null),
    warnings: { ...colourCounts(counters, options.asOf, amberDays), amberWithinDays: amberDays },
    sessions,
    participation,
    participationByWeek: weeks,
    threeOnes,
  };
}
