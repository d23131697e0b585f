// A branch's work in one campaign as the secretary and the auditor read it: a pure fold over the recorded stream.
import type { BranchWorkView, RecordedBy } from '@campaign-ledger/api-contract';
import { assertNever, type BranchWorkEvent } from '@campaign-ledger/domain';
import type { EventMetadata } from '@campaign-ledger/event-store';

// What the route answers is the contract's (GET .../work): declared once, there.
export type { BranchWorkView };

/** The parts of a recorded event the view needs. */
export interface RecordedBranchWorkEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Pick<EventMetadata, 'actor' | 'occurredAt'>;
  readonly revision: number;
}

export const emptyBranchWorkView = (campaignId: string, branchId: string): BranchWorkView => ({
  campaignId,
  branchId,
  revision: -1,
  instances: [],
  quantities: [],
  sessions: [],
  threeOnes: [],
  evidenceHashes: [],
});

const recordedBy = (e: RecordedBranchWorkEvent): RecordedBy => ({
  actorId: e.metadata.actor.id,
  role: e.metadata.actor.role,
  at: e.metadata.occurredAt,
  revision: e.revision,
});

function upsert<T>(list: readonly T[], matches: (item: T) => boolean, next: (previous: T | undefined) => T): T[] {
  const index = list.findIndex(matches);
  if (index < 0) return [...list, next(undefined)];
  return list.map((item, i) => (i === index ? next(item) : item));
}

export function evolveBranchWorkView(view: BranchWorkView, recorded: RecordedBranchWorkEvent): BranchWorkView {
  const event = { type: recorded.type, data: recorded.data } as BranchWorkEvent;
  const at = recordedBy(recorded);
  const next = { ...view, revision: recorded.revision };
  switch (event.type) {
    case 'TaskCompleted': {
      const d = event.data;
      const entry = { kind: 'completed' as const, completedOn: d.completedOn, onTime: d.onTime, by: d.by, note: d.note, evidence: d.evidence, recorded: at };
      const hashes = new Set([...view.evidenceHashes, ...d.evidence.map((f) => f.sha256)]);
      return {
        ...next,
        evidenceHashes: [...hashes],
        instances: upsert(
          view.instances,
          (i) => i.instanceKey === d.instanceKey,
          (previous) => ({
            instanceKey: d.instanceKey,
            taskId: d.taskId,
            scope: d.scope,
            subjectId: d.subjectId,
            stageId: d.stageId,
            phaseId: d.phaseId,
            trackId: d.trackId,
            weekOf: d.weekOf,
            dueDate: d.dueDate,
            mandatory: d.mandatory,
            status: 'completed',
            completion: entry,
            reopenCount: previous?.reopenCount ?? 0,
            history: [...(previous?.history ?? []), entry],
          }),
        ),
      };
    }
    case 'TaskReopened': {
      const d = event.data;
      const entry = { kind: 'reopened' as const, reopenedOn: d.reopenedOn, reason: d.reason, by: d.by, recorded: at };
      return {
        ...next,
        instances: view.instances.map((i) =>
          i.instanceKey === d.instanceKey ? { ...i, status: 'reopened', completion: null, reopenCount: i.reopenCount + 1, history: [...i.history, entry] } : i,
        ),
      };
    }
    case 'QuantityReported': {
      const d = event.data;
      const report = { amount: d.amount, on: d.on, note: d.note, reportId: d.reportId, actualAfter: d.actual, by: d.by, recorded: at };
      return {
        ...next,
        quantities: upsert(
          view.quantities,
          (q) => q.instanceKey === d.instanceKey,
          (previous) => ({
            instanceKey: d.instanceKey,
            taskId: d.taskId,
            scope: d.scope,
            subjectId: d.subjectId,
            actual: d.actual,
            target: d.target,
            challenge: d.challenge,
            reports: [...(previous?.reports ?? []), report],
          }),
        ),
      };
    }
    case 'StudySessionRecorded': {
      const d = event.data;
      return {
        ...next,
        sessions: [
          ...view.sessions,
          {
            sessionId: d.sessionId,
            date: d.date,
            topic: d.topic,
            attendance: d.attendance,
            expected: d.expected,
            presentCount: d.expected.filter((id) => d.attendance[id] === 'present').length,
            makeUps: [],
            by: d.by,
            recorded: at,
          },
        ],
      };
    }
    case 'StudyMakeUpRecorded': {
      const d = event.data;
      const makeUp = { memberId: d.memberId, originalMark: d.originalMark, date: d.date, note: d.note, by: d.by, recorded: at };
      return { ...next, sessions: view.sessions.map((s) => (s.sessionId === d.sessionId ? { ...s, makeUps: [...s.makeUps, makeUp] } : s)) };
    }
    case 'ThreeOnesRecorded': {
      const d = event.data;
      return {
        ...next,
        threeOnes: [...view.threeOnes, { memberId: d.memberId, item: d.item, date: d.date, title: d.title, note: d.note, by: d.by, recorded: at }],
      };
    }
    default:
      return assertNever(event);
  }
}

export const foldBranchWorkView = (campaignId: string, branchId: string, events: readonly RecordedBranchWorkEvent[]): BranchWorkView =>
  events.reduce(evolveBranchWorkView, emptyBranchWorkView(campaignId, branchId));
