// What changed in a campaign between two moments: completions, reopenings, tasks added or cancelled, deadlines moved,
// each with who, when and why. The same prefixes of the log as `stateAsOf`, so the diff leads from one state to the other.
import type { CampaignChange, CampaignDiff, ChangeKind, DiffSummary } from '@campaign-ledger/api-contract';
import {
  assertNever,
  BranchWorkEventTypes,
  CampaignEventTypes,
  campaignStream,
  parseBranchWorkStream,
  type CampaignEvent,
  type TaskAdded,
  type TaskCancelled,
  type TaskCompleted,
  type TaskDeadlineMoved,
  type TaskReopened,
} from '@campaign-ledger/domain';
import { formatPosition, type EventStore, type LogPosition, type RecordedEvent } from '@campaign-ledger/event-store';
import type { ReplayProgress } from './as-of';
import { CampaignNotInLogError } from './errors';
import { parseRange } from './moment';
import { readLog } from './read-log';
import type { ProgressListener } from './verify-log';

// What a diff answers (GET /api/campaigns/:id/diff) is the API's: declared once, in the contract.
export type { CampaignChange, CampaignDiff, ChangeKind, DiffSummary };

type ChangeEvent = TaskCompleted | TaskReopened | TaskAdded | TaskCancelled | TaskDeadlineMoved;

const KIND_OF_TYPE: Readonly<Record<ChangeEvent['type'], ChangeKind>> = {
  [BranchWorkEventTypes.TaskCompleted]: 'completed',
  [BranchWorkEventTypes.TaskReopened]: 'reopened',
  [CampaignEventTypes.TaskAdded]: 'added',
  [CampaignEventTypes.TaskCancelled]: 'cancelled',
  [CampaignEventTypes.TaskDeadlineMoved]: 'deadlineMoved',
};

/** The event types a diff reports, by the kind of change they stand for. */
export const DIFF_EVENT_TYPES: readonly string[] = Object.keys(KIND_OF_TYPE);

const isChange = (type: string): type is ChangeEvent['type'] => Object.prototype.hasOwnProperty.call(KIND_OF_TYPE, type);

export interface DiffOptions {
  readonly pageSize?: number;
  /** Number of events in the log, only for progress display. */
  readonly total?: number | null;
}

/** Changes to a campaign recorded after the state at `from` and up to the state at `to` (both inclusive ends of log prefixes). */
export async function diffBetween(
  store: EventStore,
  campaignId: string,
  from: string | Date,
  to: string | Date,
  onProgress?: ProgressListener<ReplayProgress>,
  options: DiffOptions = {},
): Promise<CampaignDiff> {
  const range = parseRange(from, to);
  const plan = campaignStream(campaignId);
  const titles = await taskTitles(store, plan);
  if (titles === null) throw CampaignNotInLogError.withId(campaignId);
  const fromCut = range.from.at.getTime();
  const toCut = range.to.at.getTime();
  const total = options.total ?? null;
  const changes: CampaignChange[] = [];
  let fromPosition: LogPosition | null = null;
  let toPosition: LogPosition | null = null;
  let pastFrom = false;
  let eventsRead = 0;
  scan: for await (const page of readLog(store, { pageSize: options.pageSize })) {
    for (const event of page) {
      const recorded = event.recordedAt.getTime();
      if (recorded > toCut) break scan;
      if (!pastFrom && recorded > fromCut) pastFrom = true;
      eventsRead += 1;
      toPosition = event.logPosition;
      if (!pastFrom) {
        fromPosition = event.logPosition;
        continue;
      }
      if (!isChange(event.type) || (event.streamId !== plan && parseBranchWorkStream(event.streamId)?.campaignId !== campaignId)) continue;
      changes.push(toChange(event, { type: event.type, data: event.data } as ChangeEvent, titles));
    }
    onProgress?.({ events: eventsRead, total });
  }
  onProgress?.({ events: eventsRead, total });
  const count = (kind: ChangeKind) => changes.filter((c) => c.change === kind).length;
  return {
    campaignId,
    from: range.from.at.toISOString(),
    to: range.to.at.toISOString(),
    fromOfficeDate: range.from.officeDate,
    toOfficeDate: range.to.officeDate,
    fromPosition: fromPosition && formatPosition(fromPosition),
    toPosition: toPosition && formatPosition(toPosition),
    eventsRead,
    changes,
    summary: {
      completed: count('completed'),
      reopened: count('reopened'),
      added: count('added'),
      cancelled: count('cancelled'),
      deadlineMoved: count('deadlineMoved'),
    },
  };
}

/** Task id → title, from the plan and the tasks added to it; null when the campaign has no stream. */
async function taskTitles(store: EventStore, plan: string): Promise<Map<string, string> | null> {
  const events = await store.readStream(plan);
  if (events.length === 0) return null;
  const titles = new Map<string, string>();
  for (const { type, data } of events) {
    const event = { type, data } as CampaignEvent;
    if (event.type === 'CampaignPlanned') for (const task of event.data.plan?.tasks ?? []) titles.set(task.taskId, task.title);
    if (event.type === 'TaskAdded' && event.data.task) titles.set(event.data.task.taskId, event.data.task.title);
  }
  return titles;
}

function toChange(event: RecordedEvent, change: ChangeEvent, titles: ReadonlyMap<string, string>): CampaignChange {
  const recorded = {
    type: change.type,
    change: KIND_OF_TYPE[change.type],
    actorId: event.metadata.actor.id,
    actorRole: event.metadata.actor.role,
    recordedAt: event.recordedAt.toISOString(),
    occurredAt: event.metadata.occurredAt,
    streamId: event.streamId,
    revision: event.revision,
    position: formatPosition(event.logPosition),
  };
  // Several of these events carry their reason in the data as well as (or instead of) the metadata.
  const reasonOf = (data: { reason?: unknown }) => event.metadata.reason ?? (typeof data.reason === 'string' && data.reason.length > 0 ? data.reason : null);
  const titleOf = (taskId: string) => titles.get(taskId) ?? null;
  const none = { instanceKey: null, branchId: null, note: null, previousDueDate: null, dueDate: null };
  switch (change.type) {
    case 'TaskCompleted': {
      const d = change.data;
      const note = typeof d.note === 'string' && d.note.length > 0 ? d.note : null;
      return {
        ...recorded,
        ...none,
        instanceKey: d.instanceKey ?? null,
        taskId: d.taskId,
        branchId: d.branchId ?? null,
        title: titleOf(d.taskId),
        stageId: d.stageId ?? null,
        reason: event.metadata.reason ?? null,
        note,
      };
    }
    case 'TaskReopened': {
      const d = change.data;
      return {
        ...recorded,
        ...none,
        instanceKey: d.instanceKey ?? null,
        taskId: d.taskId,
        branchId: d.branchId ?? null,
        title: titleOf(d.taskId),
        stageId: d.stageId ?? null,
        reason: reasonOf(d),
      };
    }
    case 'TaskAdded': {
      const task = change.data.task;
      return {
        ...recorded,
        ...none,
        taskId: task.taskId,
        title: task.title,
        stageId: task.stageId ?? null,
        reason: reasonOf(change.data),
        dueDate: task.dueDate,
      };
    }
    case 'TaskCancelled': {
      const d = change.data;
      return { ...recorded, ...none, taskId: d.taskId, title: titleOf(d.taskId), stageId: d.stageId ?? null, reason: reasonOf(d) };
    }
    case 'TaskDeadlineMoved': {
      const d = change.data;
      return {
        ...recorded,
        ...none,
        taskId: d.taskId,
        title: titleOf(d.taskId),
        stageId: d.stageId ?? null,
        reason: reasonOf(d),
        previousDueDate: d.previousDueDate,
        dueDate: d.dueDate,
      };
    }
    default:
      return assertNever(change);
  }
}
