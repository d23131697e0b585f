// Shapes of the auditor's routes /api/audit/history, /verify and /digest (apps/api/src/audit), and the as-of view the
// auditor's pages read (the as-of and diff routes' own shapes are in types.ts).
import type { IsoDate, Overview, WarningRow } from './types';

export interface EvidenceRef {
  readonly sha256: string;
  readonly fileName: string | null;
}

/** One event as the history route gives it: oldest first, with who, in which role, when, why and with which evidence. */
export interface HistoryEntry {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  /** "commit/prepare" in the log. */
  readonly position: string;
  readonly type: string;
  readonly actor: { readonly id: string; readonly role: string };
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly reason: string | null;
  readonly correlationId: string;
  readonly evidence: readonly EvidenceRef[];
  readonly data: Record<string, unknown> | null;
  readonly hash: string;
}

export interface HistoryPage {
  readonly items: readonly HistoryEntry[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  readonly pages: number;
}

export interface HistoryQuery {
  readonly campaignId?: string;
  readonly branchId?: string;
  readonly memberId?: string;
  readonly stream?: string;
  readonly types?: readonly string[];
  /** A day (YYYY-MM-DD, office time) or an ISO instant, inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly page?: number;
  readonly pageSize?: number;
}

export type BreakReason = 'hash_mismatch' | 'previous_hash_mismatch' | 'revision_gap' | 'duplicate_revision' | 'log_order' | 'recorded_at_mismatch';

export interface BrokenPlace {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly position: string;
  readonly reason: BreakReason;
  readonly expected: string;
  readonly actual: string;
  readonly message: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  /** Label of the scope checked: 'all' (the whole log) or 'unit.<unitId>' (a unit's auditor). */
  readonly scope?: string;
  readonly streams: number;
  readonly events: number;
  readonly brokenCount: number;
  readonly broken: readonly BrokenPlace[];
  readonly lastPosition: string | null;
}

/** `v2:<scope>:<events>:<root>`; older digests are `v1:<commit>/<prepare>:<root>` and still check. */
export type DigestVersion = 'v1' | 'v2';

/** What the server answers when it re-checks the log against an earlier digest. */
export interface DigestCheck {
  readonly ok: boolean;
  readonly digest: string;
  readonly version: DigestVersion;
  /** The scope checked: 'all' or 'unit.<unitId>'. */
  readonly scope: string;
  readonly rootMatches: boolean;
  /** Events covered by the digest that are still there now. */
  readonly eventsAtDigest: number;
  /** Events the digest covered when taken (v2 says so itself; v1 only with its manifest). */
  readonly eventsAtDigestThen: number | null;
  readonly eventsSince: number;
  /** With the digest's manifest: the stretch of the log (1-based event numbers in log order) where it first differs. */
  readonly firstDifference: { readonly fromEvent: number; readonly toEvent: number } | null;
  readonly message: string;
  readonly verify: VerifyReport;
}

export interface DigestView {
  /** `v2:<scope>:<events>:<root>`: what an auditor writes down or signs. */
  readonly digest: string;
  /** 'all' or 'unit.<unitId>'. */
  readonly scope: string;
  readonly position: string;
  readonly root: string;
  readonly events: number;
  readonly streams: number;
  readonly manifest: unknown;
}

/** GET /api/campaigns/:id/as-of (AsOfState in types.ts) in the shapes the overview's pieces read. */
export interface AsOfView {
  readonly at: string;
  readonly officeDate: IsoDate;
  readonly position: string | null;
  readonly eventsReplayed: number;
  readonly overview: Pick<Overview, 'campaign' | 'stages' | 'phases' | 'halfYear' | 'participation' | 'warningCounts'>;
  readonly ranking: Overview['branches'];
  /** The instances overdue (red) at that moment. */
  readonly overdue: readonly WarningRow[];
}
