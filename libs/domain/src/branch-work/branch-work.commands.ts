import type { IsoDate } from '../shared/dates';

export interface EvidenceFile {
  readonly fileName: string;
  /** Lower-case hex SHA-256 of the file content (computed outside the domain). */
  readonly sha256: string;
  readonly size: number;
  readonly contentType: string;
}

export type AttendanceMark = 'present' | 'leave' | 'absent';
export type ThreeOnesItem = 'reading' | 'talk' | 'essay';
export const THREE_ONES_ITEMS: readonly ThreeOnesItem[] = ['reading', 'talk', 'essay'];
export const ATTENDANCE_MARKS: readonly AttendanceMark[] = ['present', 'leave', 'absent'];

interface BranchWorkAddress {
  readonly campaignId: string;
  readonly branchId: string;
}

export type CompleteTaskInstance = {
  type: 'CompleteTaskInstance';
  data: BranchWorkAddress & {
    instanceKey: string;
    note: string;
    evidence: readonly EvidenceFile[];
    completedOn: IsoDate;
    by: string;
    /** Idempotency token: repeating a command with the same id changes nothing. */
    commandId?: string | null;
  };
};
export type ReopenTaskInstance = { type: 'ReopenTaskInstance'; data: BranchWorkAddress & { instanceKey: string; reason: string; on: IsoDate; by: string } };
export type ReportQuantity = {
  type: 'ReportQuantity';
  data: BranchWorkAddress & {
    /** Either the instance, or the task when the branch has exactly one instance of it. */
    instanceKey?: string | null;
    taskId?: string | null;
    /** Negative amounts correct earlier reports; the running total never drops below 0. */
    amount: number;
    on: IsoDate;
    note?: string | null;
    by: string;
    reportId?: string | null;
  };
};
export type RecordStudySession = {
  type: 'RecordStudySession';
  data: BranchWorkAddress & {
    sessionId: string;
    date: IsoDate;
    topic: string;
    attendance: Readonly<Record<string, AttendanceMark>>;
    by: string;
  };
};
export type RecordMakeUp = {
  type: 'RecordMakeUp';
  data: BranchWorkAddress & { sessionId: string; memberId: string; date: IsoDate; note?: string | null; by: string };
};
export type RecordThreeOnes = {
  type: 'RecordThreeOnes';
  data: BranchWorkAddress & { memberId: string; item: ThreeOnesItem; date: IsoDate; title: string; note?: string | null; by: string };
};

export type BranchWorkCommand = CompleteTaskInstance | ReopenTaskInstance | ReportQuantity | RecordStudySession | RecordMakeUp | RecordThreeOnes;
