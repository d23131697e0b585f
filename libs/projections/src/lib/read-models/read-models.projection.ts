// The read models as one pure fold: (rows, events) → row changes, idempotent by the log position it stores. No clock,
// no I/O; the same code drives the live projector, the rebuild and the in-memory "as of" replay.
import { comparePositions, type LogPosition, type RecordedEvent } from '@campaign-ledger/event-store';
import type { Rows } from '../rows/row-set';
import type { CheckpointRow } from './checkpoint.table';
import { evolveInstances } from './instances/instances.projection';
import { evolveOrganisation } from './organisation/organisation.projection';
import { countInstanceChange, countOrganisationChange, evolvePlanCounters } from './plan-counters/plan-counters.projection';
import type { ProjectedEvent } from './projected-event';
import { evolveStudySessions } from './study-sessions/study-sessions.projection';
import { evolveThreeOnes } from './three-ones/three-ones.projection';

export type { ProjectedEvent } from './projected-event';

export const CHECKPOINT_ID = 'main';

export const checkpointPosition = (row: CheckpointRow | undefined): LogPosition | null =>
  row ? { commit: BigInt(row.commit_pos), prepare: BigInt(row.prepare_pos) } : null;

/** Applies events in log order; events at or before the stored checkpoint are skipped. Returns how many were applied. */
export function projectEvents(rows: Rows, events: readonly RecordedEvent[]): number {
  // The checkpoint row is read once and written once per batch (after the last event applied, even when a later one
  // throws): the row projectEvent would leave after each of them, without parsing and formatting it per event.
  const checkpoint = rows.get('checkpoint', { id: CHECKPOINT_ID });
  let at = checkpointPosition(checkpoint);
  let applied = 0;
  let last: RecordedEvent | null = null;
  try {
    for (const event of events) {
      if (at && comparePositions(event.logPosition, at) <= 0) continue;
      evolve(rows, event as unknown as ProjectedEvent);
      at = event.logPosition;
      last = event;
      applied += 1;
    }
  } finally {
    if (last) putCheckpoint(rows, last, (checkpoint?.events_applied ?? 0) + applied);
  }
  return applied;
}

export function projectEvent(rows: Rows, event: RecordedEvent): boolean {
  const checkpoint = rows.get('checkpoint', { id: CHECKPOINT_ID });
  const at = checkpointPosition(checkpoint);
  if (at && comparePositions(event.logPosition, at) <= 0) return false;
  evolve(rows, event as unknown as ProjectedEvent);
  putCheckpoint(rows, event, (checkpoint?.events_applied ?? 0) + 1);
  return true;
}

/**
 * Each event goes to every read model; the plan counters also follow what the organisation and the instances changed.
 * Accounts and any future event types leave every read model unchanged (the checkpoint still moves).
 */
function evolve(rows: Rows, event: ProjectedEvent): void {
  evolvePlanCounters(rows, event);
  const organisation = evolveOrganisation(rows, event);
  if (organisation) countOrganisationChange(rows, organisation);
  const instance = evolveInstances(rows, event);
  if (instance) countInstanceChange(rows, instance);
  evolveStudySessions(rows, event);
  evolveThreeOnes(rows, event);
}

function putCheckpoint(rows: Rows, event: RecordedEvent, eventsApplied: number): void {
  rows.put('checkpoint', {
    id: CHECKPOINT_ID,
    commit_pos: event.logPosition.commit.toString(),
    prepare_pos: event.logPosition.prepare.toString(),
    events_applied: eventsApplied,
    last_recorded_at: event.recordedAt.toISOString(),
  });
}
