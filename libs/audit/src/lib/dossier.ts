// The 迎检 dossier (台账) of one campaign: its read model rebuilt from the log in memory, asked the live API's queries.
import { campaignStream, halfYearCheck, StreamCategories, UNIT_LEVEL_BRANCH_ID, type HalfYearCheck, type IsoDate } from '@campaign-ledger/domain';
import { formatPosition, type EventStore, type RecordedEvent } from '@campaign-ledger/event-store';
import {
  branchDashboard,
  campaignOverview,
  projectInMemory,
  snapshotSource,
  type CampaignOverview,
  type ReadModelInstance as InstanceView,
  type Progress,
  type ReadModelSource,
  type SessionFigures,
  type TaskRow,
} from '@campaign-ledger/projections';
import { DigestTracker } from './digest';
import { CampaignNotInLogError } from './errors';
import { endOfOfficeDay, officeDateOf } from './moment';
import { readLog } from './read-log';
import { WHOLE_LOG, type LogScope, type ProgressListener } from './verify-log';

/** 已完成 / 未完成 / 已逾期 / 已取消 / 结转, in that order of precedence after cancellation. */
export type DossierInstanceStatus = 'completed' | 'open' | 'overdue' | 'cancelled' | 'carried_over';

export interface DossierInstance {
  readonly branchId: string;
  readonly branchName: string;
  readonly instanceKey: string;
  readonly taskId: string;
  readonly title: string;
  readonly stageName: string | null;
  readonly phaseName: string | null;
  readonly scope: string;
  readonly subjectId: string;
  readonly subjectName: string | null;
  readonly weekOf: IsoDate | null;
  readonly dueDate: IsoDate;
  readonly status: DossierInstanceStatus;
  readonly completedBy: string | null;
  readonly completedOn: IsoDate | null;
  readonly evidence: readonly string[];
  /** The completion note, reopenings, carry-over, cancellation reason, quantities: what an inspector asks about. */
  readonly note: string;
}

/** A study session's figures as the read model answers them (participation: (present + made up) ÷ expected), with its branch. */
export interface DossierSession extends SessionFigures {
  readonly branchId: string;
  readonly branchName: string;
}

export interface DossierProgress extends Progress {
  readonly level: 'campaign' | 'stage' | 'branch';
  readonly id: string;
  readonly name: string;
  /** The period time is measured over: the campaign's, or the stage's own dates; branches share the campaign's. */
  readonly period: { readonly start: IsoDate; readonly end: IsoDate } | null;
  /** Time against work over `period` (双过半). */
  readonly halfYear: HalfYearCheck | null;
}

/** What the figures were computed from: the log up to `position`, whose digest `ledger verify --against` can check later. */
export interface DossierBasis {
  readonly events: number;
  readonly position: string;
  readonly digest: string;
  readonly lastRecordedAt: string | null;
  /** When the dossier is as of an earlier day: the end of that office day; events recorded later were left out. */
  readonly recordedUntil: string | null;
}

export interface Dossier {
  readonly campaign: {
    readonly campaignId: string;
    readonly name: string;
    readonly unitId: string;
    readonly unitName: string | null;
    readonly templateCode: string | null;
    readonly status: string;
    readonly startDate: IsoDate;
    readonly endDate: IsoDate;
    readonly closedOn: IsoDate | null;
  };
  readonly asOf: IsoDate;
  readonly exportedAt: Date;
  readonly basis: DossierBasis;
  readonly overview: CampaignOverview;
  readonly progress: readonly DossierProgress[];
  readonly instances: readonly DossierInstance[];
  readonly sessions: readonly DossierSession[];
}

/** Notes the read model does not keep, taken from the same events while they are read. */
export interface DossierNotes {
  /** `branchId instanceKey` → the note of the completion that stands. */
  readonly completion: ReadonlyMap<string, string>;
  /** `branchId instanceKey` → the reason of the latest reopening. */
  readonly reopened: ReadonlyMap<string, string>;
  /** taskId → why it was cancelled. */
  readonly cancelled: ReadonlyMap<string, string>;
}

export const NO_NOTES: DossierNotes = { completion: new Map(), reopened: new Map(), cancelled: new Map() };

export interface DossierProgressEvent {
  readonly events: number;
  readonly total: number | null;
}

export interface CollectDossierOptions {
  /** The office day the figures are evaluated on; an earlier day than today also leaves out events recorded after it. */
  readonly asOf?: IsoDate;
  /** The export's own time (default: now). */
  readonly now?: Date;
  readonly total?: number | null;
  readonly pageSize?: number;
  readonly onProgress?: ProgressListener<DossierProgressEvent>;
  /** The part of the log the basis digest covers (an account's unit); default the whole log. */
  readonly scope?: LogScope;
}

const noteKey = (branchId: string, instanceKey: string) => `${branchId} ${instanceKey}`;

/**
 * Reads the log once: every event feeds the digest; the unit's organisation, the campaign and its branches' work
 * feed the in-memory read model (the same fold as the live tables) and the notes.
 */
export async function collectDossier(store: EventStore, campaignId: string, options: CollectDossierOptions = {}): Promise<Dossier> {
  const now = options.now ?? new Date();
  const today = officeDateOf(now);
  const asOf = options.asOf ?? today;
  const endOfAsOf = endOfOfficeDay(asOf); // also refuses anything but a real calendar day
  const cutoff = asOf < today ? endOfAsOf.getTime() : null;
  const planStream = campaignStream(campaignId);
  const workPrefix = `${StreamCategories.branchWork}-${campaignId}:`;
  const organisationPrefix = `${StreamCategories.organisation}-`;

  const scope = options.scope ?? WHOLE_LOG;
  const tracker = new DigestTracker(scope.label);
  const kept: RecordedEvent[] = [];
  const completion = new Map<string, string>();
  const reopened = new Map<string, string>();
  const cancelled = new Map<string, string>();
  let lastRecordedAt: Date | null = null;
  reading: for await (const page of readLog(store, { pageSize: options.pageSize })) {
    for (const event of page) {
      if (cutoff !== null && event.recordedAt.getTime() > cutoff) break reading;
      if (scope.includes(event)) tracker.add(event);
      lastRecordedAt = event.recordedAt;
      if (event.streamId === planStream || event.streamId.startsWith(workPrefix) || event.streamId.startsWith(organisationPrefix)) {
        kept.push(event);
        noteFrom(event, { completion, reopened, cancelled });
      }
    }
    options.onProgress?.({ events: tracker.events, total: options.total ?? null });
  }
  const digest = tracker.digest();
  const basis: DossierBasis = {
    events: digest.events,
    position: formatPosition(digest.position),
    digest: digest.digest,
    lastRecordedAt: lastRecordedAt?.toISOString() ?? null,
    recordedUntil: cutoff === null ? null : new Date(cutoff).toISOString(),
  };
  const source = snapshotSource(projectInMemory(kept));
  return dossierFrom(source, campaignId, { asOf, exportedAt: now, basis, notes: { completion, reopened, cancelled } });
}

function noteFrom(event: RecordedEvent, notes: { completion: Map<string, string>; reopened: Map<string, string>; cancelled: Map<string, string> }): void {
  const data = event.data as { branchId?: string; instanceKey?: string; taskId?: string; note?: string | null; reason?: string };
  switch (event.type) {
    case 'TaskCompleted':
      if (data.branchId && data.instanceKey) notes.completion.set(noteKey(data.branchId, data.instanceKey), data.note ?? '');
      return;
    case 'TaskReopened':
      if (data.branchId && data.instanceKey) {
        notes.completion.delete(noteKey(data.branchId, data.instanceKey));
        notes.reopened.set(noteKey(data.branchId, data.instanceKey), data.reason ?? '');
      }
      return;
    case 'TaskCancelled':
      if (data.taskId) notes.cancelled.set(data.taskId, data.reason ?? '');
      return;
    default:
      return;
  }
}

export interface DossierFromOptions {
  readonly asOf: IsoDate;
  readonly exportedAt: Date;
  readonly basis: DossierBasis;
  readonly notes?: DossierNotes;
}

/** The dossier's figures from any read-model source (the in-memory replay above, or the live tables). */
export async function dossierFrom(source: ReadModelSource, campaignId: string, options: DossierFromOptions): Promise<Dossier> {
  const { asOf } = options;
  const notes = options.notes ?? NO_NOTES;
  const [campaign] = await source.rows('campaign', { campaign_id: campaignId });
  if (!campaign) throw CampaignNotInLogError.withId(campaignId);
  const [overview, units, branchRows, stageRows, taskRows] = await Promise.all([
    campaignOverview(source, campaignId, { asOf }),
    source.rows('unit', { unit_id: campaign.unit_id }),
    source.rows('branch', { unit_id: campaign.unit_id }),
    source.rows('stage', { campaign_id: campaignId }),
    source.rows('task', { campaign_id: campaignId }),
  ]);
  const branchIds = [...branchRows.map((b) => b.branch_id)].sort(byText);
  if (campaign.office_branch_id === UNIT_LEVEL_BRANCH_ID) branchIds.unshift(UNIT_LEVEL_BRANCH_ID);
  const withCancelled = showingCancelledTasks(source);
  const dashboards = [];
  for (const branchId of branchIds) dashboards.push(await branchDashboard(withCancelled, campaignId, branchId, { asOf }));

  const tasks = new Map(taskRows.map((t) => [t.task_id, t]));
  const stageNames = new Map(overview.stages.map((s) => [s.stageId, s.name]));
  const phaseNames = new Map([...overview.stages.flatMap((s) => s.phases), ...overview.phases].map((p) => [p.phaseId, p.name]));
  const instances: DossierInstance[] = [];
  const sessions: DossierSession[] = [];
  for (const dashboard of dashboards) {
    const branch = { branchId: dashboard.branchId, branchName: dashboard.name };
    for (const view of [...dashboard.phases.flatMap((p) => p.instances), ...dashboard.unphased]) {
      const task = tasks.get(view.taskId);
      const status = statusOf(view, task);
      instances.push({
        ...branch,
        instanceKey: view.instanceKey,
        taskId: view.taskId,
        title: view.title,
        stageName: view.stageId === null ? null : (stageNames.get(view.stageId) ?? view.stageId),
        phaseName: view.phaseId === null ? null : (phaseNames.get(view.phaseId) ?? view.phaseId),
        scope: view.scope,
        subjectId: view.subjectId,
        subjectName: view.subjectName,
        weekOf: view.weekOf,
        dueDate: view.dueDate,
        status,
        completedBy: view.completedBy,
        completedOn: view.completedOn,
        evidence: view.evidence,
        note: noteOf(view, task, status, stageNames, notes, dashboard.branchId),
      });
    }
    for (const s of dashboard.sessions) {
      sessions.push({
        ...branch,
        sessionId: s.sessionId,
        date: s.date,
        topic: s.topic,
        expected: s.expected,
        present: s.present,
        leave: s.leave,
        absent: s.absent,
        madeUp: s.madeUp,
        participation: s.participation,
        attendance: s.attendance,
      });
    }
  }

  const stageDates = new Map(stageRows.map((s) => [s.stage_id, s]));
  const campaignPeriod = { start: campaign.start_date, end: campaign.end_date };
  const progress: DossierProgress[] = [
    { level: 'campaign', id: campaignId, name: campaign.name, ...overview.totals, period: campaignPeriod, halfYear: overview.halfYear },
    ...overview.stages.map((s): DossierProgress => {
      const dates = stageDates.get(s.stageId);
      const period = dates?.start_date && dates.end_date ? { start: dates.start_date, end: dates.end_date } : null;
      const halfYear = period ? halfYearCheck({ periodStart: period.start, periodEnd: period.end, asOf, done: s.done, planned: s.applicable }) : null;
      return {
        level: 'stage',
        id: s.stageId,
        name: s.name,
        applicable: s.applicable,
        done: s.done,
        overdue: s.overdue,
        completion: s.completion,
        period,
        halfYear,
      };
    }),
    ...dashboards.map((d): DossierProgress => ({
      level: 'branch',
      id: d.branchId,
      name: d.name,
      ...d.totals,
      period: campaignPeriod,
      halfYear: halfYearCheck({ periodStart: campaign.start_date, periodEnd: campaign.end_date, asOf, done: d.totals.done, planned: d.totals.applicable }),
    })),
  ];

  return {
    campaign: {
      campaignId,
      name: campaign.name,
      unitId: campaign.unit_id,
      unitName: units[0]?.name ?? null,
      templateCode: campaign.template_code,
      status: campaign.status,
      startDate: campaign.start_date,
      endDate: campaign.end_date,
      closedOn: campaign.closed_on,
    },
    asOf,
    exportedAt: options.exportedAt,
    basis: options.basis,
    overview,
    progress,
    instances,
    sessions,
  };
}

/**
 * The live queries leave cancelled tasks out of a branch's instances; the dossier lists them as 已取消. Showing the
 * queries the task rows as not cancelled expands them the same way; the counters (all figures) still know better.
 */
function showingCancelledTasks(source: ReadModelSource): ReadModelSource {
  return {
    async rows(table, where) {
      const rows = await source.rows(table, where);
      if (table !== 'task') return rows;
      return (rows as TaskRow[]).map((t) => ({ ...t, cancelled: false })) as typeof rows;
    },
    aggregate: (table, where, groupBy, sums) => source.aggregate(table, where, groupBy, sums),
  };
}

function statusOf(view: InstanceView, task: TaskRow | undefined): DossierInstanceStatus {
  if (task?.cancelled) return 'cancelled';
  if (view.status === 'completed') return 'completed';
  if (view.carriedOverTo !== undefined) return 'carried_over';
  return view.colour === 'red' ? 'overdue' : 'open';
}

function noteOf(
  view: InstanceView,
  task: TaskRow | undefined,
  status: DossierInstanceStatus,
  stageNames: ReadonlyMap<string, string>,
  notes: DossierNotes,
  branchId: string,
): string {
  const parts: string[] = [];
  const key = noteKey(branchId, view.instanceKey);
  if (status === 'cancelled') parts.push(`任务已取消${notes.cancelled.get(view.taskId) ? `：${notes.cancelled.get(view.taskId)}` : ''}`);
  const completionNote = notes.completion.get(key);
  if (view.status === 'completed' && completionNote) parts.push(completionNote);
  if (view.reopenCount > 0) {
    const reason = notes.reopened.get(key);
    parts.push(`曾退回重办 ${view.reopenCount} 次${reason ? `（最近原因：${reason}）` : ''}`);
  }
  if (view.carriedOverTo !== undefined) {
    parts.push(
      view.carriedOverTo === null ? '转段时未完成，结转至活动结束后' : `转段时未完成，结转至${stageNames.get(view.carriedOverTo) ?? view.carriedOverTo}`,
    );
  }
  if (task?.kind === 'quantity') {
    const figures = [`实际 ${view.actual ?? 0}`];
    if (task.target !== null) figures.push(`目标值 ${task.target}`);
    if (task.challenge !== null) figures.push(`挑战值 ${task.challenge}`);
    parts.push(figures.join('，'));
  }
  if ((status === 'overdue' || status === 'carried_over') && view.daysLeft < 0) parts.push(`已逾期 ${-view.daysLeft} 天`);
  return parts.join('；');
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
