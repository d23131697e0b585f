import type { IsoDate } from '../shared/dates';
import type { EvidenceFile, ThreeOnesItem } from './branch-work.commands';
import type { InstanceRef, StudyAttendance } from './branch-work.events';

export interface Completion {
  readonly completedOn: IsoDate;
  readonly by: string;
  readonly note: string;
  readonly evidence: readonly EvidenceFile[];
  readonly commandId: string | null;
}

export type InstanceWork =
  | { readonly status: 'completed'; readonly ref: InstanceRef; readonly completion: Completion; readonly reopenCount: number }
  | { readonly status: 'reopened'; readonly ref: InstanceRef; readonly reopenedOn: IsoDate; readonly reason: string; readonly reopenCount: number };

export interface QuantityReport {
  readonly reportId: string | null;
  readonly amount: number;
  readonly on: IsoDate;
}

export interface QuantityProgress {
  readonly ref: InstanceRef;
  readonly actual: number;
  readonly target: number | null;
  readonly challenge: number | null;
  readonly reports: readonly QuantityReport[];
}

export interface StudySession {
  readonly sessionId: string;
  readonly date: IsoDate;
  readonly topic: string;
  readonly attendance: Readonly<Record<string, StudyAttendance>>;
  readonly expected: readonly string[];
  /** memberId → date of the make-up. */
  readonly madeUp: Readonly<Record<string, IsoDate>>;
}

export interface BranchWorkState {
  readonly campaignId: string | null;
  readonly branchId: string | null;
  readonly instances: Readonly<Record<string, InstanceWork>>;
  readonly quantities: Readonly<Record<string, QuantityProgress>>;
  readonly sessions: Readonly<Record<string, StudySession>>;
  readonly threeOnes: Readonly<Record<string, Partial<Record<ThreeOnesItem, { readonly date: IsoDate; readonly title: string }>>>>;
}

export const initialBranchWorkState = (): BranchWorkState => ({ campaignId: null, branchId: null, instances: {}, quantities: {}, sessions: {}, threeOnes: {} });

export const isCompleted = (state: BranchWorkState, instanceKey: string): boolean => state.instances[instanceKey]?.status === 'completed';
export const completedKeys = (state: BranchWorkState): string[] => Object.keys(state.instances).filter((k) => state.instances[k].status === 'completed');
