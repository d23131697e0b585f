// A branch's recorded work in one campaign, and the writes a secretary makes (/api/campaigns/:id/branches/:branchId).
import type { AttendanceMark, EvidenceFile, IsoDate, StudySession, TaskScope, ThreeOnesItem } from '@campaign-ledger/domain';

/** Who recorded a fact and when (from the event metadata), and where it sits in the stream. */
export interface RecordedBy {
  readonly actorId: string;
  readonly role: string;
  readonly at: string;
  readonly revision: number;
}

export type InstanceHistoryEntry =
  | {
      readonly kind: 'completed';
      readonly completedOn: IsoDate;
      readonly onTime: boolean;
      readonly by: string;
      readonly note: string;
      readonly evidence: readonly EvidenceFile[];
      readonly recorded: RecordedBy;
    }
  | { readonly kind: 'reopened'; readonly reopenedOn: IsoDate; readonly reason: string; readonly by: string; readonly recorded: RecordedBy };

export interface WorkInstanceView {
  readonly instanceKey: string;
  readonly taskId: string;
  readonly scope: TaskScope;
  readonly subjectId: string;
  readonly stageId: string | null;
  readonly phaseId: string | null;
  readonly trackId: string | null;
  readonly weekOf: IsoDate | null;
  readonly dueDate: IsoDate;
  readonly mandatory: boolean;
  readonly status: 'completed' | 'reopened';
  /** The completion in force; null while reopened. */
  readonly completion: Extract<InstanceHistoryEntry, { kind: 'completed' }> | null;
  readonly reopenCount: number;
  /** Every completion and reopening, oldest first: nothing is overwritten. */
  readonly history: readonly InstanceHistoryEntry[];
}

export interface QuantityView {
  readonly instanceKey: string;
  readonly taskId: string;
  readonly scope: TaskScope;
  readonly subjectId: string;
  readonly actual: number;
  readonly target: number | null;
  readonly challenge: number | null;
  readonly reports: readonly {
    readonly amount: number;
    readonly on: IsoDate;
    readonly note: string | null;
    readonly reportId: string | null;
    readonly actualAfter: number;
    readonly by: string;
    readonly recorded: RecordedBy;
  }[];
}

export interface MakeUpView {
  readonly memberId: string;
  readonly originalMark: 'leave' | 'absent';
  readonly date: IsoDate;
  readonly note: string | null;
  readonly by: string;
  readonly recorded: RecordedBy;
}

/** A study session as the domain records it (marks by member id, the members expected), its make-ups spelled out. */
export interface SessionView extends Omit<StudySession, 'madeUp'> {
  /** Attendance rate (到会率) parts: present ÷ expected. */
  readonly presentCount: number;
  readonly makeUps: readonly MakeUpView[];
  readonly by: string;
  readonly recorded: RecordedBy;
}

export interface ThreeOnesRecordView {
  readonly memberId: string;
  readonly item: ThreeOnesItem;
  readonly date: IsoDate;
  readonly title: string;
  readonly note: string | null;
  readonly by: string;
  readonly recorded: RecordedBy;
}

/** GET .../branches/:branchId/work: a pure fold over the branch's stream. */
export interface BranchWorkView {
  readonly campaignId: string;
  readonly branchId: string;
  /** Revision of the stream's last event; -1 when nothing is recorded yet. Sent as the ETag. */
  readonly revision: number;
  readonly instances: readonly WorkInstanceView[];
  readonly quantities: readonly QuantityView[];
  readonly sessions: readonly SessionView[];
  readonly threeOnes: readonly ThreeOnesRecordView[];
  /** Every evidence hash any completion (also a reopened one) references. */
  readonly evidenceHashes: readonly string[];
}

/** POST .../instances/:instanceKey/complete: these text fields, with the files in `evidence` (multipart/form-data). */
export interface CompleteTaskFields {
  readonly note?: string;
  readonly completedOn?: IsoDate;
  /** Makes a retry safe: the same id records the completion once. */
  readonly commandId?: string;
}

export interface CompletionResult {
  readonly instanceKey: string;
  readonly status: 'completed';
  /** True for an identical retry (same note and evidence, or same commandId): nothing new was recorded. */
  readonly alreadyDone: boolean;
  readonly revision: number;
  readonly completedOn: IsoDate;
  readonly evidence: readonly EvidenceFile[];
}

/** POST .../instances/:instanceKey/reopen. */
export interface ReopenTaskBody {
  readonly reason: string;
  readonly on?: IsoDate;
}

export interface ReopenResult {
  readonly instanceKey: string;
  readonly status: 'reopened';
  readonly alreadyDone: boolean;
  readonly revision: number;
  readonly reopenedOn: IsoDate;
}

/** POST .../study-sessions. */
export interface RecordStudySessionBody {
  readonly sessionId?: string;
  readonly date: IsoDate;
  readonly topic: string;
  readonly attendance: Readonly<Record<string, AttendanceMark>>;
}

export interface StudySessionResult {
  readonly sessionId: string;
  readonly alreadyDone: boolean;
  readonly revision: number;
  /** Present ÷ expected for this session (到会率), as numerator and denominator. */
  readonly present: number;
  readonly expected: number;
}

/** POST .../study-sessions/:sessionId/make-ups. */
export interface RecordMakeUpBody {
  readonly memberId: string;
  readonly date: IsoDate;
  readonly note?: string;
}

export interface MakeUpResult {
  readonly sessionId: string;
  readonly memberId: string;
  readonly alreadyDone: boolean;
  readonly revision: number;
}

/** POST .../three-ones. */
export interface RecordThreeOnesBody {
  readonly memberId: string;
  readonly item: ThreeOnesItem;
  readonly date: IsoDate;
  readonly title: string;
  readonly note?: string;
}

export interface ThreeOnesResult {
  readonly memberId: string;
  readonly item: ThreeOnesItem;
  readonly alreadyDone: boolean;
  readonly revision: number;
}

/** POST .../quantities: a quantity reported against a task (by instance key, or by task id). */
export interface QuantityResult {
  /** Null for a repeated report named by task id only. */
  readonly instanceKey: string | null;
  readonly reportId: string | null;
  readonly alreadyDone: boolean;
  readonly revision: number;
  /** Running total, target and challenge after this report (null when nothing new was recorded). */
  readonly actual: number | null;
  readonly target: number | null;
  readonly challenge: number | null;
}
