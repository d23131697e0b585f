// Spec helpers for the read models: given events, then rows (or query answers).
import type { MemoryRows } from '../lib/rows/row-set';
import type { RowTypes, TableName } from '../lib/read-models/read-models.tables';
import { projectInMemory } from '../lib/read-models/project-in-memory';
import { snapshotSource, type ReadModelSource } from '../lib/queries/source';
import { completed, organisationEvents, recordAll, smallPlan, type PlainEvent } from './recorded-events';

export const given = (...events: PlainEvent[]): MemoryRows => projectInMemory(recordAll(events)).rows;

export const row = <T extends TableName>(rows: MemoryRows, table: T, key: Partial<RowTypes[T]>) => rows.get(table, key);

export const counter = (rows: MemoryRows, taskId: string, branchId = 'B1', weekOf = '') =>
  rows.get('counter', { campaign_id: 'C1', branch_id: branchId, task_id: taskId, week_of: weekOf });

export const counts = (rows: MemoryRows, taskId: string, branchId = 'B1', weekOf = '') => {
  const c = counter(rows, taskId, branchId, weekOf);
  return c && { applicable: c.applicable, done: c.done };
};

/** The organisation of `organisationEvents` and the small plan on it. */
export const base = (): PlainEvent[] => [...organisationEvents(), smallPlan()];

const session = (sessionId: string, date: string, attendance: Record<string, string>, expected: string[]): PlainEvent => ({
  type: 'StudySessionRecorded',
  data: { campaignId: 'C1', branchId: 'B1', sessionId, date, topic: 't', by: 'Wang', attendance, expected },
});

/** For the query specs: the small plan with a second branch, some work done, two study sessions and a three-ones item in B1. */
export const workedExample = (): PlainEvent[] => [
  ...base(),
  { type: 'BranchAdded', data: { unitId: 'U1', branchId: 'B2', name: 'Branch two', secretaryName: 'Liu' } },
  completed('T1:branch:B1'),
  completed('T2:member:M1'),
  completed('T4:week:B1:2009-03-16', { weekOf: '2009-03-16', phaseId: 'P2' }),
  completed('T6:division:D1', { branchId: '_unit', phaseId: 'P2' }),
  session('S-1', '2009-03-19', { M1: 'present', M2: 'leave', M3: 'exempt' }, ['M1', 'M2']),
  session('S-2', '2009-03-26', { M1: 'present', M2: 'absent', M3: 'present' }, ['M1', 'M2', 'M3']),
  {
    type: 'ThreeOnesRecorded',
    data: { campaignId: 'C1', branchId: 'B1', memberId: 'M1', item: 'reading', date: '2009-03-18', title: 'book', note: null, by: 'Wang' },
  },
];

/** The query source over `events` folded in memory. */
export const sourceOf = (events: PlainEvent[]): ReadModelSource => snapshotSource(projectInMemory(recordAll(events)));
