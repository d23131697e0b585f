import type { IsoDate } from '../shared/dates';
import type { TaskScope } from '../template/template.types';
import type { AttendanceMark, EvidenceFile, ThreeOnesItem } from './branch-work.commands';

export const BranchWorkEventTypes = {
  TaskCompleted: 'TaskCompleted',
  TaskReopened: 'TaskReopened',
  QuantityReported: 'QuantityReported',
  StudySessionRecorded: 'StudySessionRecorded',
  StudyMakeUpRecorded: 'StudyMakeUpRecorded',
  ThreeOnesRecorded: 'ThreeOnesRecorded',
} as const;

/** Where an instance sits in the plan: everything a projection needs without reading the campaign stream. */
export interface InstanceRef {
  campaignId: string;
  branchId: string;
  instanceKey: string;
  taskId: string;
  stageId: string | null;
  phaseId: string | null;
  trackId: string | null;
  scope: TaskScope;
  subjectId: string;
  weekOf: IsoDate | null;
  dueDate: IsoDate;
  mandatory: boolean;
}

export type TaskCompleted = {
  type: 'TaskCompleted';
  data: InstanceRef & { completedOn: IsoDate; onTime: boolean; by: string; note: string; evidence: EvidenceFile[]; commandId: string | null };
};
export type TaskReopened = {
  type: 'TaskReopened';
  data: { campaignId: string; branchId: string; instanceKey: string; taskId: string; stageId: string | null; reopenedOn: IsoDate; reason: string; by: string };
};
export type QuantityReported = {
  type: 'QuantityReported';
  data: InstanceRef & {
    amount: number;
    on: IsoDate;
    note: string | null;
    by: string;
    reportId: string | null;
    /** Running total after this report. */
    actual: number;
    target: number | null;
    challenge: number | null;
  };
};
export type StudyAttendance = AttendanceMark | 'exempt';
export type StudySessionRecorded = {
  type: 'StudySessionRecorded';
  data: {
    campaignId: string;
    branchId: string;
    sessionId: string;
    date: IsoDate;
    topic: string;
    by: string;
    /** Every member of the branch on that date: their mark, or `exempt` for exempt members left off the sheet. */
    attendance: Record<string, StudyAttendance>;
    /** Active (non-exempt) members on that date: the denominator. */
    expected: string[];
  };
};
export type StudyMakeUpRecorded = {
  type: 'StudyMakeUpRecorded';
  data: {
    campaignId: string;
    branchId: string;
    sessionId: string;
    sessionDate: IsoDate;
    memberId: string;
    originalMark: 'leave' | 'absent';
    date: IsoDate;
    note: string | null;
    by: string;
  };
};
export type ThreeOnesRecorded = {
  type: 'ThreeOnesRecorded';
  data: { campaignId: string; branchId: string; memberId: string; item: ThreeOnesItem; date: IsoDate; title: string; note: string | null; by: string };
};

export type BranchWorkEvent = TaskCompleted | TaskReopened | QuantityReported | StudySessionRecorded | StudyMakeUpRecorded | ThreeOnesRecorded;
