// What the auditor reads (/api/audit/history, /verify, /digest) and a campaign at a moment or between two
// (/api/campaigns/:id/as-of, /diff).
import type { IsoDate } from '@campaign-ledger/domain';
import type { BranchRanking, CampaignOverview, OverdueList, ParticipationFigures, WeeklyParticipation } from './read-models';

export interface EvidenceRef {
  readonly sha256: string;
  readonly fileName: string | null;
}

/** One event as the history shows it: with who, in which role, when, why and with which evidence. */
export interface HistoryEntry {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  /** "commit/prepare" in the log. */
  readonly position: string;
  readonly type: string;
  /** Who recorded it: the account id and role, and the account's display name where the API knows it (absent in exports). */
  readonly actor: { readonly id: string; readonly role: string; readonly name?: string | null };
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly reason: string | null;
  readonly correlationId: string;
  readonly evidence: readonly EvidenceRef[];
  /** The event's data, without any field that once held a secret. */
  readonly data: unknown;
  readonly hash: string;
}

/** GET /api/audit/history: oldest first. */
export interface HistoryPage {
  readonly items: readonly HistoryEntry[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  readonly pages: number;
}

export type BreakReason =
  /** The stored hash is not the hash of the event's content: the row was altered (or the hash forged). */
  | 'hash_mismatch'
  /** The event does not link to the stored hash of the event before it: something was inserted or replaced. */
  | 'previous_hash_mismatch'
  /** Revisions before this event are missing: events were deleted. */
  | 'revision_gap'
  /** Two events claim the same revision. */
  | 'duplicate_revision'
  /** The event sits before an earlier revision in the log: it was written out of turn (an insertion). */
  | 'log_order'
  /** The stored recording time is not the one sealed in the event's metadata: it was changed after the event was written. */
  | 'recorded_at_mismatch';

export interface BrokenPlace {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  /** Log position "commit/prepare" of the offending event. */
  readonly position: string;
  readonly reason: BreakReason;
  readonly expected: string;
  readonly actual: string;
  readonly message: string;
}

/** GET /api/audit/verify: every stream's hash chain checked. */
export interface VerifyLogReport {
  readonly ok: boolean;
  /** Label of the scope checked ('all': the whole log; 'unit.<unitId>': a unit's auditor). */
  readonly scope: string;
  readonly streams: number;
  readonly events: number;
  /** Number of broken places found (all of them, even beyond those reported). */
  readonly brokenCount: number;
  /** The broken places, by stream id then revision; at most as many as the check was asked to name (all are counted). */
  readonly broken: readonly BrokenPlace[];
  /** Broken places at events of streams the scope shares with other units, outside the scope: counted, not named. */
  readonly brokenElsewhere?: number;
  /** Position of the last event read ("commit/prepare"), null for an empty log. */
  readonly lastPosition: string | null;
}

/** A stream's last event when a digest was taken. */
export interface StreamHeadEntry {
  readonly streamId: string;
  readonly revision: number;
  readonly hash: string;
}

export interface DigestCheckpoint {
  /** Events covered so far. */
  readonly events: number;
  /** The running root after them. */
  readonly root: string;
}

/**
 * What lies behind a v2 digest, kept beside it so that a later check can name which streams changed and where the log
 * first differs. Only the digest is proof; the manifest helps explain a mismatch.
 */
export interface LedgerManifest {
  readonly format: 'campaign-ledger/manifest';
  readonly version: 2;
  readonly digest: string;
  readonly scope: string;
  readonly events: number;
  readonly root: string;
  /** Position of the last event covered in the store the digest was taken from ("commit/prepare"; a restore changes it). */
  readonly position: string;
  /** SHA-256 over the canonical JSON list of [streamId, revision, hash] of `streams` (the v1 root). */
  readonly headsRoot: string;
  readonly streams: readonly StreamHeadEntry[];
  readonly checkpoints: readonly DigestCheckpoint[];
}

/** GET /api/audit/digest: `v2:<scope>:<events>:<root>`, what an auditor writes down or signs, and the manifest behind it. */
export interface DigestView {
  readonly digest: string;
  readonly scope: string;
  /** Position of the last event covered in this store (not part of a v2 digest: a restore changes it). */
  readonly position: string;
  readonly root: string;
  readonly events: number;
  readonly streams: number;
  readonly manifest: LedgerManifest;
}

/** `v2:<scope>:<events>:<root>`; older digests are `v1:<commit>/<prepare>:<root>` and still check. */
export type DigestVersion = 'v1' | 'v2';

export type HeadDifferenceKind =
  /** The stream's head at the digest is gone: its last events were deleted, or the whole stream. */
  | 'head_missing'
  /** The stream has a different head at the digest: events altered, deleted or inserted. */
  | 'head_changed'
  /** A stream that the manifest does not know has events at or before the digest: inserted. */
  | 'stream_added';

export interface HeadDifference {
  readonly streamId: string;
  readonly kind: HeadDifferenceKind;
  readonly expected: Omit<StreamHeadEntry, 'streamId'> | null;
  readonly actual: Omit<StreamHeadEntry, 'streamId'> | null;
  readonly message: string;
}

/** GET /api/audit/verify?against=<digest>: the log up to the digest re-checked, and the chain check of the whole log. */
export interface DigestCheck {
  /** Root matches and every chain verifies. */
  readonly ok: boolean;
  readonly digest: string;
  readonly version: DigestVersion;
  /** Label of the scope checked ('all': the whole log). */
  readonly scope: string;
  /** True when the log up to the digest still has the root the digest names. */
  readonly rootMatches: boolean;
  readonly recomputedRoot: string;
  /** Events covered by the digest that are still there now (v2: at most the digest's count; v1: at or before its position). */
  readonly eventsAtDigest: number;
  /** Events the digest covered when taken: v2 says so itself; v1 only with the manifest. */
  readonly eventsAtDigestThen: number | null;
  /** Events (of the scope) appended after those the digest covers. */
  readonly eventsSince: number;
  /** Which stream heads differ; empty without a manifest (the root alone cannot say which). */
  readonly differences: readonly HeadDifference[];
  /** v2 with its manifest: the stretch of the log (1-based event numbers in log order) where it first differs. */
  readonly firstDifference: { readonly fromEvent: number; readonly toEvent: number } | null;
  /** The full chain check of the current log (of the scope), digest or not. */
  readonly verify: VerifyLogReport;
  readonly message: string;
}

/** GET /api/campaigns/:id/as-of?at=<ISO instant | YYYY-MM-DD (the end of that office day)>. */
export interface StateAsOf {
  readonly campaignId: string;
  /** The instant the state is taken at (a day means the end of that office day). */
  readonly at: string;
  /** The office day the figures are evaluated on. */
  readonly officeDate: IsoDate;
  /** Last log position included ("commit/prepare"). */
  readonly position: string | null;
  /** Events in the log up to the moment. */
  readonly eventsRead: number;
  /** Of those, the events that shape this campaign's figures, folded. */
  readonly eventsReplayed: number;
  /** As GET /api/campaigns/:id/overview. */
  readonly overview: CampaignOverview;
  /** The campaign's participation (as in the overview) and per week (as GET .../participation/weekly). */
  readonly participation: { readonly overall: ParticipationFigures; readonly weekly: WeeklyParticipation[] };
  /** As GET .../overdue. */
  readonly overdue: OverdueList;
  /** Branches by completion, as GET .../ranking. */
  readonly ranking: BranchRanking[];
}

export type ChangeKind = 'completed' | 'reopened' | 'added' | 'cancelled' | 'deadlineMoved';

export interface CampaignChange {
  /** The event type (TaskCompleted, TaskReopened, TaskAdded, TaskCancelled, TaskDeadlineMoved). */
  readonly type: string;
  readonly change: ChangeKind;
  /** Null for changes to a task of the plan (added, cancelled, deadline moved): they apply to every branch. */
  readonly instanceKey: string | null;
  readonly taskId: string;
  readonly branchId: string | null;
  /** The task's title in the plan (null if the plan never named the task). */
  readonly title: string | null;
  readonly stageId: string | null;
  readonly actorId: string;
  readonly actorRole: string;
  readonly recordedAt: string;
  readonly occurredAt: string;
  readonly reason: string | null;
  /** A completion's note. */
  readonly note: string | null;
  /** Deadline moves: from and to. */
  readonly previousDueDate: IsoDate | null;
  readonly dueDate: IsoDate | null;
  readonly streamId: string;
  readonly revision: number;
  readonly position: string;
}

export interface DiffSummary {
  readonly completed: number;
  readonly reopened: number;
  readonly added: number;
  readonly cancelled: number;
  readonly deadlineMoved: number;
}

/** GET /api/campaigns/:id/diff?from=&to= (each an ISO instant, or a day meaning its end): the changes in log order. */
export interface CampaignDiff {
  readonly campaignId: string;
  /** The two instants (a day means the end of that office day). */
  readonly from: string;
  readonly to: string;
  readonly fromOfficeDate: IsoDate;
  readonly toOfficeDate: IsoDate;
  /** Last log position included in the state at `from` and at `to` ("commit/prepare"). */
  readonly fromPosition: string | null;
  readonly toPosition: string | null;
  /** Events read from the log up to `to`. */
  readonly eventsRead: number;
  /** In log order. */
  readonly changes: CampaignChange[];
  readonly summary: DiffSummary;
}
