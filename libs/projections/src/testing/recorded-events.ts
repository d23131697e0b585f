// Test helpers: domain events made into recorded events with increasing log positions, and a small plan.
import { parseInstanceKey, type CampaignPlan, type CampaignPlanned, type InstanceKeyParts } from '@campaign-ledger/domain';
import type { RecordedEvent } from '@campaign-ledger/event-store';

export interface PlainEvent {
  readonly type: string;
  readonly data: unknown;
}

export function recordAll(events: readonly PlainEvent[], startAt = 1, recordedAt = new Date('2009-03-20T08:00:00Z')): RecordedEvent[] {
  return events.map((e, i) => {
    const n = BigInt(startAt + i);
    return {
      id: `e${n}`,
      streamId: 'test',
      type: e.type,
      schemaVersion: 1,
      data: e.data,
      metadata: { actor: { id: 'test', role: 'system' }, occurredAt: recordedAt.toISOString(), correlationId: 'c', causationId: null },
      recordedAt: new Date(recordedAt.getTime() + i * 1000),
      revision: i,
      globalPosition: n,
      logPosition: { commit: n, prepare: n },
      previousHash: null,
      hash: 'h',
    };
  });
}

export const task = (
  t: Partial<CampaignPlan['tasks'][number]> & { taskId: string; scope: CampaignPlan['tasks'][number]['scope'] },
): CampaignPlan['tasks'][number] => ({
  title: `Task ${t.taskId}`,
  titleEn: null,
  stageId: 'S1',
  phaseId: 'P1',
  trackId: null,
  dueDate: '2009-03-29',
  dueWeek: null,
  recurringWeeks: [],
  evidence: [],
  responsible: null,
  kind: 'checklist',
  target: null,
  challenge: null,
  quantityUnit: null,
  mandatory: true,
  source: null,
  ...t,
});

/** Stage S1 (P1, P2), stage S2 (P3); one task per scope. Office work in the unit-level branch. */
export function smallPlan(campaignId = 'C1', unitId = 'U1'): CampaignPlanned {
  return {
    type: 'CampaignPlanned',
    data: {
      campaignId,
      unitId,
      name: 'Small campaign',
      templateCode: null,
      startDate: '2009-03-16',
      endDate: '2009-04-26',
      officeBranchId: '_unit',
      createdBy: 'office',
      plan: {
        stages: [
          { stageId: 'S1', order: 1, name: 'Study', code: null, startDate: '2009-03-16', endDate: '2009-04-05' },
          { stageId: 'S2', order: 2, name: 'Review', code: null, startDate: '2009-04-06', endDate: '2009-04-26' },
        ],
        phases: [
          { phaseId: 'P1', stageId: 'S1', order: 1, name: 'Mobilise', code: null, startDate: null, endDate: null },
          { phaseId: 'P2', stageId: 'S1', order: 2, name: 'Learn', code: null, startDate: null, endDate: null },
          { phaseId: 'P3', stageId: 'S2', order: 1, name: 'Analyse', code: null, startDate: null, endDate: null },
        ],
        tracks: [],
        tasks: [
          task({ taskId: 'T1', scope: 'branch', dueDate: '2009-03-22' }),
          task({ taskId: 'T2', scope: 'member', dueDate: '2009-03-29' }),
          task({ taskId: 'T3', scope: 'leader', phaseId: 'P2', dueDate: '2009-04-05' }),
          task({
            taskId: 'T4',
            scope: 'branch_recurring_weekly',
            phaseId: 'P2',
            dueDate: '2009-03-29',
            recurringWeeks: [
              { weekOf: '2009-03-16', dueDate: '2009-03-22' },
              { weekOf: '2009-03-23', dueDate: '2009-03-29' },
            ],
          }),
          task({ taskId: 'T5', scope: 'unit', dueDate: '2009-03-20' }),
          task({ taskId: 'T6', scope: 'division', phaseId: 'P2', dueDate: '2009-04-01' }),
          task({ taskId: 'T7', scope: 'branch', stageId: 'S2', phaseId: 'P3', dueDate: '2009-04-20', kind: 'quantity', target: 10, challenge: 15 }),
        ],
      },
    },
  };
}

export const organisationEvents = (unitId = 'U1'): PlainEvent[] => [
  { type: 'UnitRegistered', data: { unitId, name: 'Office', code: 'OF' } },
  { type: 'DivisionAdded', data: { unitId, divisionId: 'D1', name: 'Secretariat' } },
  { type: 'DivisionAdded', data: { unitId, divisionId: 'D2', name: 'Personnel' } },
  { type: 'BranchAdded', data: { unitId, branchId: 'B1', name: 'Branch one', secretaryName: 'Wang' } },
  { type: 'MemberJoined', data: { unitId, memberId: 'M1', name: 'Wang', branchId: 'B1', isLeader: true, joinedOn: '2008-01-01' } },
  { type: 'MemberJoined', data: { unitId, memberId: 'M2', name: 'Li', branchId: 'B1', isLeader: false, joinedOn: '2008-01-01' } },
  { type: 'MemberJoined', data: { unitId, memberId: 'M3', name: 'Zhang', branchId: 'B1', isLeader: false, joinedOn: '2008-01-01' } },
];

function partsOf(instanceKey: string): InstanceKeyParts {
  const parts = parseInstanceKey(instanceKey);
  if (!parts) throw new Error(`not an instance key: ${instanceKey}`);
  return parts;
}

export const ref = (instanceKey: string, extra: Record<string, unknown> = {}) => {
  const parts = partsOf(instanceKey);
  return {
    campaignId: 'C1',
    branchId: 'B1',
    instanceKey,
    taskId: parts.taskId,
    stageId: 'S1',
    phaseId: 'P1',
    trackId: null,
    scope: parts.scope,
    subjectId: parts.scope === 'unit' ? 'U1' : parts.subjectId,
    weekOf: parts.scope === 'branch_recurring_weekly' ? parts.weekOf : null,
    dueDate: '2009-03-29',
    mandatory: true,
    ...extra,
  };
};

export const completed = (instanceKey: string, extra: Record<string, unknown> = {}): PlainEvent => ({
  type: 'TaskCompleted',
  data: {
    ...ref(instanceKey, extra),
    completedOn: '2009-03-20',
    onTime: true,
    by: 'Wang',
    note: 'done',
    evidence: [{ fileName: 'a.pdf', sha256: 'a'.repeat(64), size: 1, contentType: 'application/pdf' }],
    commandId: null,
  },
});

export const reopened = (instanceKey: string, extra: Record<string, unknown> = {}): PlainEvent => ({
  type: 'TaskReopened',
  data: {
    campaignId: 'C1',
    branchId: 'B1',
    instanceKey,
    taskId: partsOf(instanceKey).taskId,
    stageId: 'S1',
    reopenedOn: '2009-03-21',
    reason: 'missing minutes',
    by: 'Wang',
    ...extra,
  },
});
