// What the read-model routes answer: a campaign's overview, a branch's dashboard, overdue work, ranking, heat map,
// weekly participation, and how current the figures are.
import type { HalfYearCheck, IsoDate, OverdueColour, Ratio, StageStatus, StudyAttendance, TaskScope, ThreeOnesItem } from '@campaign-ledger/domain';

export interface Progress {
  readonly applicable: number;
  readonly done: number;
  /** Applicable instances due before `asOf` and not done. */
  readonly overdue: number;
  /** done ÷ applicable. */
  readonly completion: Ratio;
}

export interface PhaseOverview extends Progress {
  readonly phaseId: string;
  readonly stageId: string | null;
  readonly name: string;
  readonly order: number;
}

export interface StageOverview extends Progress {
  readonly stageId: string;
  readonly name: string;
  readonly order: number;
  readonly status: StageStatus;
  readonly openedOn: IsoDate | null;
  readonly closedOn: IsoDate | null;
  readonly carriedOver: number;
  readonly phases: PhaseOverview[];
}

/** Open instances overdue (red) and due within `amberWithinDays` days (amber). */
export interface WarningCounts {
  readonly red: number;
  readonly amber: number;
  readonly amberWithinDays: number;
}

export interface ParticipationFigures {
  /** Members who attended or made up every session they were expected at ÷ members expected at any session. */
  readonly byPerson: Ratio;
  /** Person-sessions (人次) attended or made up ÷ person-sessions expected. */
  readonly byPersonSession: Ratio;
  /** Present ÷ expected over the sessions (到会率). */
  readonly attendance: Ratio;
  readonly sessions: number;
}

/** GET /api/campaigns/:id/overview, and each "overview" event of .../overview/stream. */
export interface CampaignOverview {
  readonly campaignId: string;
  readonly name: string;
  readonly status: 'planned' | 'closed';
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
  readonly asOf: IsoDate;
  readonly totals: Progress;
  readonly stages: StageOverview[];
  /** Phases outside any stage (stage-less campaigns). */
  readonly phases: PhaseOverview[];
  /** Work of tasks in no phase (tracks). */
  readonly unphased: Progress;
  readonly halfYear: HalfYearCheck;
  readonly warnings: WarningCounts;
  readonly participation: ParticipationFigures;
}

/** GET /api/campaigns/:id/ranking?by=completion|participation: one row per branch, best first. */
export interface BranchRanking {
  readonly rank: number;
  readonly branchId: string;
  readonly name: string;
  readonly completion: Ratio;
  readonly participation: ParticipationFigures;
}

export interface HeatMapCell {
  readonly applicable: number;
  readonly done: number;
  readonly completion: Ratio;
}

/** GET /api/campaigns/:id/heat-map: branch × phase, cells by phase id. */
export interface HeatMap {
  readonly phases: { readonly phaseId: string; readonly stageId: string | null; readonly name: string; readonly order: number }[];
  readonly branches: { readonly branchId: string; readonly name: string; readonly cells: Record<string, HeatMapCell> }[];
}

/** GET /api/campaigns/:id/participation/weekly: one row per week (Monday of the sessions' week). */
export interface WeeklyParticipation {
  readonly weekOf: IsoDate;
  readonly sessions: number;
  readonly participation: Ratio;
  readonly attendance: Ratio;
}

export interface SessionFigures {
  readonly sessionId: string;
  readonly date: IsoDate;
  readonly topic: string;
  readonly expected: number;
  readonly present: number;
  readonly leave: number;
  readonly absent: number;
  readonly madeUp: number;
  /** 到会率 = present ÷ expected. */
  readonly attendance: Ratio;
  /** Person-sessions attended or made up ÷ expected. */
  readonly participation: Ratio;
}

/** One member's mark at a study session. */
export interface SessionMark {
  readonly memberId: string;
  /** As the roster names the member (null for an id the roster does not know). */
  readonly name: string | null;
  readonly mark: StudyAttendance;
  /** False for a member exempt that day: outside the session's figures. */
  readonly expected: boolean;
  /** The day a member on leave or absent made the session up (补学), or null. */
  readonly madeUpOn: IsoDate | null;
}

/** A session on a branch's dashboard: its figures and every member's mark, by member id. */
export interface BranchSession extends SessionFigures {
  readonly marks: SessionMark[];
}

/** A member's "three ones": the day each item was recorded, or null. */
export interface MemberThreeOnes {
  readonly memberId: string;
  readonly name: string | null;
  readonly reading: IsoDate | null;
  readonly talk: IsoDate | null;
  readonly essay: IsoDate | null;
  readonly complete: boolean;
}

export interface BranchThreeOnes {
  readonly members: MemberThreeOnes[];
  readonly complete: Ratio;
}

/** An applicable instance as the read model sees it: its status, recorded work and warning colour on `asOf`. */
export interface ReadModelInstance {
  readonly instanceKey: string;
  readonly taskId: string;
  readonly title: string;
  readonly stageId: string | null;
  readonly phaseId: string | null;
  readonly scope: TaskScope;
  readonly subjectId: string;
  readonly subjectName: string | null;
  readonly weekOf: IsoDate | null;
  readonly dueDate: IsoDate;
  readonly mandatory: boolean;
  readonly status: 'open' | 'completed' | 'reopened';
  readonly completedOn: IsoDate | null;
  readonly completedBy: string | null;
  /** Evidence hashes. */
  readonly evidence: string[];
  readonly reopenCount: number;
  readonly actual: number | null;
  /** Present only for an instance carried over at a stage transition: the stage it went to (null: none). */
  readonly carriedOverTo?: string | null;
  readonly colour: OverdueColour;
  readonly daysLeft: number;
}

export interface WarningInstance extends ReadModelInstance {
  readonly branchId: string;
}

/** GET /api/campaigns/:id/overdue: overdue (red) and due-soon (amber) instances, most overdue first. */
export interface OverdueList {
  readonly red: number;
  readonly amber: number;
  readonly instances: WarningInstance[];
}

/** A branch's figures and instances as the read model answers them (the dashboard route adds BranchDashboardAnswer's part). */
export interface BranchDashboard {
  readonly campaignId: string;
  readonly branchId: string;
  readonly name: string;
  readonly secretaryName: string | null;
  readonly asOf: IsoDate;
  readonly totals: Progress;
  readonly phases: (PhaseOverview & { instances: ReadModelInstance[] })[];
  /** Instances of tasks in no phase. */
  readonly unphased: ReadModelInstance[];
  readonly warnings: WarningCounts;
  /** By date, each with every member's mark. */
  readonly sessions: BranchSession[];
  readonly participation: ParticipationFigures;
  readonly participationByWeek: WeeklyParticipation[];
  readonly threeOnes: BranchThreeOnes;
}

/** A "three ones" item as the branch recorded it: the day and the title (the latest record of that item). */
export interface ThreeOnesEntry {
  readonly memberId: string;
  readonly item: ThreeOnesItem;
  readonly date: IsoDate;
  readonly title: string;
}

/**
 * GET /api/campaigns/:id/branches/:branchId/dashboard: everything the branch's page shows, in one answer. The figures,
 * instances, sessions and three-ones grid come from the read model (BranchDashboard); the titles of the three-ones items
 * from the branch's own record.
 */
export interface BranchDashboardAnswer extends BranchDashboard {
  /** Member by member, items in the order reading, talk, essay. */
  readonly threeOnesEntries: ThreeOnesEntry[];
  /** instanceKey → the note of the completion in force, for the completed instances that have one (instances read model). */
  readonly completionNotes: Readonly<Record<string, string>>;
}

/** GET /api/projections/freshness: how current the figures are, as anyone may be told (no session details). */
export interface Freshness {
  /** The projector is running (here or in another process holding the lease). */
  readonly ok: boolean;
  /** The figures are behind the log by more than a few seconds, or events are held back by an open transaction. */
  readonly delayed: boolean;
  readonly eventsBehind: number;
  readonly secondsBehind: number;
  /** Committed events not yet readable by the projector, since when, and the server process holding them back. */
  readonly heldBack: { readonly events: number; readonly since: string; readonly blockingPid: number | null } | null;
  readonly error?: string;
}
