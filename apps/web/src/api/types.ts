// Shapes the web app reads from /api. Routes that exist today mirror their controllers; the read-model routes
// (overview, dashboard, stream) are assumptions, normalised in client.ts so that only that file changes when they land.

export type Role = 'administrator' | 'leading_group' | 'secretary' | 'auditor';
export type IsoDate = string;

export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

export interface Account {
  readonly accountId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly unitId: string | null;
  readonly branchId: string | null;
  /** A disabled account cannot sign in; absent in sessions stored by older builds. */
  readonly disabled?: boolean;
}

export interface LoginAnswer {
  readonly token: string;
  readonly account: Account;
}

export interface FieldError {
  readonly field: string;
  readonly messages: readonly string[];
}

export interface ErrorBody {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly messageZh?: string;
  readonly details?: unknown;
  readonly fieldErrors?: readonly FieldError[];
  /** A roster import refused row by row (422 ROSTER_IMPORT.ROWS_REFUSED): the report, checked before use. */
  readonly report?: unknown;
}

// ---- campaigns (GET /api/campaigns, GET /api/campaigns/:id) ----

export interface CampaignSummary {
  readonly campaignId: string;
  readonly unitId: string;
  readonly name: string;
  readonly templateCode: string | null;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
  readonly status: 'planned' | 'closed';
  readonly currentStageId: string | null;
  readonly closedOn: IsoDate | null;
}

export type StageStatus = 'pending' | 'open' | 'closed';

export interface Stage {
  readonly stageId: string;
  readonly order: number;
  readonly name: string;
  readonly code: string | null;
  readonly startDate: IsoDate | null;
  readonly endDate: IsoDate | null;
  readonly status: StageStatus;
  readonly openedOn: IsoDate | null;
  readonly closedOn: IsoDate | null;
  readonly carriedOverCount: number;
}

export interface Phase {
  readonly phaseId: string;
  readonly stageId: string | null;
  readonly order: number;
  readonly name: string;
  readonly code: string | null;
  readonly startDate: IsoDate | null;
  readonly endDate: IsoDate | null;
}

export interface Track {
  readonly trackId: string;
  readonly order: number;
  readonly name: string;
  readonly code: string | null;
}

export type TaskScope = 'unit' | 'branch' | 'branch_recurring_weekly' | 'member' | 'leader' | 'division' | string;

export interface Task {
  readonly taskId: string;
  readonly title: string;
  readonly titleEn: string | null;
  readonly stageId: string | null;
  readonly phaseId: string | null;
  readonly trackId: string | null;
  readonly scope: TaskScope;
  readonly dueDate: IsoDate;
  readonly evidence: readonly string[];
  readonly responsible: string | null;
  readonly kind: string;
  readonly mandatory: boolean;
  readonly cancelled: boolean;
  readonly cancelReason: string | null;
}

export interface Campaign {
  readonly campaignId: string;
  readonly unitId: string;
  readonly name: string;
  /** The template's code (absent in views of older servers). */
  readonly templateCode?: string | null;
  readonly status: 'planned' | 'closed';
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
  readonly closedOn: IsoDate | null;
  readonly officeBranchId: string;
  readonly revision: number;
  readonly etag: string;
  readonly currentStageId: string | null;
  readonly counts: Readonly<Record<string, number>>;
  readonly stages: readonly Stage[];
  readonly phases: readonly Phase[];
  readonly tracks: readonly Track[];
  readonly tasks: readonly Task[];
}

export interface StageUnfinished {
  readonly stageId: string;
  readonly asOf: IsoDate;
  readonly count: number;
  readonly byBranch: Readonly<Record<string, number>>;
  readonly instances: readonly { instanceKey: string; taskId: string; taskTitle: string | null; branchId: string }[];
}

// ---- instances (GET /api/campaigns/:id/instances?branchId=) ----

export type InstanceStatus = 'open' | 'completed' | 'carried_over' | 'cancelled';

export interface InstanceRow {
  readonly key: string;
  readonly taskId: string;
  readonly stageId: string | null;
  readonly phaseId: string | null;
  readonly trackId: string | null;
  readonly scope: TaskScope;
  readonly subjectId: string;
  readonly branchId: string;
  readonly weekOf: IsoDate | null;
  readonly dueDate: IsoDate;
  readonly mandatory: boolean;
  readonly kind: string;
  readonly title: string;
  readonly status: InstanceStatus;
  readonly overdue: boolean;
  readonly completedOn: IsoDate | null;
  readonly carriedOverTo: string | null;
  readonly reopenCount: number;
}

export interface BranchInstances {
  readonly campaignId: string;
  readonly branchId: string;
  readonly asOf: IsoDate;
  readonly counts: Readonly<Record<InstanceStatus | 'total' | 'overdue', number>>;
  readonly instances: readonly InstanceRow[];
}

// ---- branch work (GET .../branches/:bid/work) ----

export type AttendanceMark = 'present' | 'leave' | 'absent';
export type ThreeOnesItem = 'reading' | 'talk' | 'essay';

export interface EvidenceFile {
  readonly fileName?: string;
  readonly contentType?: string;
  readonly sha256: string;
  readonly size?: number;
}

export interface CompletionEntry {
  readonly kind: 'completed';
  readonly completedOn: IsoDate;
  readonly onTime: boolean;
  readonly by: string;
  readonly note: string;
  readonly evidence: readonly EvidenceFile[];
}

export interface ReopenEntry {
  readonly kind: 'reopened';
  readonly reopenedOn: IsoDate;
  readonly reason: string;
  readonly by: string;
}

export interface WorkInstance {
  readonly instanceKey: string;
  readonly status: 'completed' | 'reopened';
  readonly completion: CompletionEntry | null;
  readonly reopenCount: number;
  readonly history: readonly (CompletionEntry | ReopenEntry)[];
}

export interface MakeUp {
  readonly memberId: string;
  readonly originalMark: 'leave' | 'absent';
  readonly date: IsoDate;
  readonly note: string | null;
}

export interface StudySession {
  readonly sessionId: string;
  readonly date: IsoDate;
  readonly topic: string;
  readonly attendance: Readonly<Record<string, AttendanceMark>>;
  readonly expected: readonly string[];
  readonly presentCount: number;
  readonly makeUps: readonly MakeUp[];
}

export interface ThreeOnesRecord {
  readonly memberId: string;
  readonly item: ThreeOnesItem;
  readonly date: IsoDate;
  readonly title: string;
  readonly note: string | null;
}

export interface BranchWork {
  readonly campaignId: string;
  readonly branchId: string;
  readonly revision: number;
  readonly instances: readonly WorkInstance[];
  readonly sessions: readonly StudySession[];
  readonly threeOnes: readonly ThreeOnesRecord[];
}

// ---- organisation ----

export interface BranchSummary {
  readonly branchId: string;
  readonly name: string;
  readonly secretaryName: string;
  readonly activeMembers: number;
  readonly exemptMembers: number;
}

export interface UnitMember {
  readonly memberId: string;
  readonly name: string;
  readonly isLeader: boolean;
  readonly joinedOn: IsoDate;
  readonly branchId: string;
  readonly status: 'active' | 'exempt' | 'left' | 'not_joined_yet' | string;
}

export interface Unit {
  readonly unitId: string;
  readonly name: string;
  readonly code: string;
  readonly revision: number;
  readonly asOf: IsoDate;
  readonly divisions: readonly { divisionId: string; name: string }[];
  readonly branches: readonly BranchSummary[];
  readonly members: readonly UnitMember[];
}

export interface RosterMember {
  readonly memberId: string;
  readonly name: string;
  readonly isLeader: boolean;
  readonly status: 'active' | 'exempt';
}

export interface Roster {
  readonly branchId: string;
  readonly asOf: IsoDate;
  readonly members: readonly RosterMember[];
}

export interface AccountRow extends Account {
  readonly disabled: boolean;
}

/** GET /api/units: the unit itself, or every unit for an installation administrator. */
export interface UnitSummary {
  readonly unitId: string;
  readonly name: string;
  readonly code: string;
}

// ---- organisation writes (POST /api/units, /api/units/:unitId/branches, /api/units/:unitId/divisions) ----

/** POST /api/units (installation administrator only). unitId is generated (UUID v7) when left out. */
export interface RegisterUnitInput {
  readonly unitId?: string;
  readonly name: string;
  readonly code: string;
}

export interface AddBranchInput {
  readonly branchId: string;
  readonly name: string;
  readonly secretaryName: string;
}

export interface AddDivisionInput {
  readonly divisionId: string;
  readonly name: string;
}

/** The answer of every organisation write: the unit's stream revision after it and the facts recorded. */
export interface OrganisationWriteResult {
  readonly unitId: string;
  readonly revision: number;
  readonly events: readonly { readonly type: string }[];
}

// ---- templates and planning (GET /api/templates, POST /api/campaigns) ----

/** GET /api/templates: a built-in template with its size. */
export interface TemplateListItem {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly summary: {
    readonly code: string;
    readonly name: string;
    readonly nameEn?: string | null;
    /** The template's stated length in weeks, when it says. */
    readonly weeks?: number | null;
    readonly structure: 'stages' | 'tracks' | 'flat';
    readonly counts: { readonly stages: number; readonly phases: number; readonly tracks: number; readonly tasks: number };
  };
}

/** POST /api/campaigns (leading group) from a built-in template; endDate defaults to the template's last week. */
export interface PlanCampaignInput {
  readonly name: string;
  readonly unitId: string;
  readonly templateId: string;
  /** Monday of week 1. */
  readonly startDate: IsoDate;
  readonly endDate?: IsoDate;
  /** The branch that keeps unit- and division-level work; left out: the unit level. */
  readonly officeBranchId?: string;
}

// ---- accounts (apps/api/src/auth): administrators manage them; everyone changes their own password ----

/** POST /api/accounts. unitId is left out by a unit administrator (their unit) and for an installation administrator. */
export interface CreateAccountInput {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly unitId?: string;
  readonly branchId?: string;
  readonly password: string;
}

/** POST /api/accounts/:accountId/role. */
export interface ChangeRoleInput {
  readonly role: Role;
  readonly unitId?: string;
  readonly branchId?: string;
  readonly reason?: string;
}

// ---- roster import (POST /api/units/:unitId/import[?dryRun=true]) ----

export type RosterField = 'branchId' | 'branchName' | 'secretaryName' | 'memberId' | 'name' | 'isLeader' | 'joinedOn';

export interface RefusedRosterRow {
  /** Row number as the spreadsheet shows it (the header is row 1). */
  readonly row: number;
  readonly field?: RosterField;
  readonly reason: string;
  /** The same reason in Chinese. */
  readonly reasonZh?: string;
}

export interface RosterImportReport {
  readonly format: 'csv' | 'xlsx';
  readonly rows: number;
  readonly accepted: number;
  readonly unchanged: number;
  readonly refused: readonly RefusedRosterRow[];
  readonly ignoredColumns: readonly string[];
  /** Ids of the branches the import creates (their names are in the file). */
  readonly branchesCreated: readonly string[];
  readonly membersJoined: readonly string[];
  readonly events: number;
  readonly written: boolean;
  readonly dryRun: boolean;
  readonly revision: number;
}

// ---- GET /api/projections/freshness ----

export interface Freshness {
  /** The projector is running (here or in another process). */
  readonly ok: boolean;
  /** The figures are more than a few seconds behind the log, or events are held back by an open transaction. */
  readonly delayed: boolean;
  readonly eventsBehind: number;
  readonly secondsBehind: number;
  readonly heldBack: { readonly events: number; readonly since: string; readonly blockingPid: number | null } | null;
}

// ---- read models (assumed shapes, normalised in client.ts) ----

export type WarningColour = 'green' | 'amber' | 'red';

/** Completion of a scope: done ÷ applicable, plus how many of the applicable ones are overdue. */
export interface Progress {
  readonly completion: Ratio;
  readonly overdue: number;
}

export interface StageProgress extends Progress {
  readonly stageId: string;
  readonly name: string;
  readonly status: StageStatus;
}

export interface PhaseProgress extends Progress {
  readonly phaseId: string;
  readonly stageId: string | null;
  readonly name: string;
}

export interface Participation {
  readonly byPerson: Ratio;
  readonly byPersonSession: Ratio;
}

export interface HalfYearCheck {
  readonly timeProgress: Ratio;
  readonly workProgress: Ratio;
  readonly halfwayDate: IsoDate | null;
  readonly passes: boolean;
}

export interface BranchRank extends Progress {
  readonly branchId: string;
  readonly name: string;
  readonly participation: Participation;
}

export interface HeatCell {
  readonly branchId: string;
  readonly phaseId: string;
  readonly completion: Ratio;
}

export interface HeatMap {
  /** Rows in display order (the unit-level pseudo-branch included when it has work). */
  readonly rows: readonly { branchId: string; name: string }[];
  readonly cells: readonly HeatCell[];
}

/** One week of study: participation (attended or made up ÷ expected, 人次) and attendance (present ÷ expected). */
export interface ParticipationPoint {
  readonly date: IsoDate;
  readonly sessions: number;
  readonly participation: Ratio;
  readonly attendance: Ratio | null;
}

export interface WarningRow {
  readonly instanceKey: string;
  readonly taskId: string;
  readonly title: string;
  readonly branchId: string;
  readonly branchName: string;
  readonly phaseId: string | null;
  readonly subjectId: string;
  readonly subjectName: string | null;
  readonly dueDate: IsoDate;
  readonly daysLeft: number;
  readonly colour: WarningColour;
}

export interface Overview {
  readonly campaignId: string;
  readonly asOf: IsoDate;
  readonly campaign: Progress;
  readonly stages: readonly StageProgress[];
  readonly phases: readonly PhaseProgress[];
  readonly halfYear: HalfYearCheck;
  readonly participation: Participation;
  readonly branches: readonly BranchRank[];
  readonly heatmap: HeatMap;
  readonly participationOverTime: readonly ParticipationPoint[];
  readonly warnings: readonly WarningRow[];
  readonly warningCounts: { readonly red: number; readonly amber: number };
  /** Where the figures come from: the server's read model, or (until it exists) a fold in the browser. */
  readonly source: 'read-model' | 'derived';
}

export interface DashboardInstance {
  readonly instanceKey: string;
  readonly taskId: string;
  readonly title: string;
  readonly scope: TaskScope;
  readonly subjectId: string;
  readonly subjectName: string | null;
  readonly phaseId: string | null;
  readonly stageId: string | null;
  readonly weekOf: IsoDate | null;
  readonly dueDate: IsoDate;
  readonly status: InstanceStatus;
  readonly overdue: boolean;
  readonly colour: WarningColour;
  readonly daysLeft: number;
  readonly completedOn: IsoDate | null;
  readonly mandatory: boolean;
  readonly reopenCount: number;
  readonly note: string | null;
  readonly evidenceCount: number;
}

export interface DashboardPhase extends Progress {
  readonly phaseId: string | null;
  readonly name: string;
  readonly stageId: string | null;
  readonly instances: readonly DashboardInstance[];
}

export interface BranchDashboard {
  readonly campaignId: string;
  readonly branchId: string;
  readonly asOf: IsoDate;
  readonly total: Progress;
  readonly participation: Participation;
  readonly phases: readonly DashboardPhase[];
  readonly sessions: readonly StudySession[];
  readonly threeOnes: readonly ThreeOnesRecord[];
  readonly source: 'read-model' | 'derived';
}

export interface ProjectionStatus {
  readonly projections: readonly { name: string; position: string | number | null; lag?: number | null; updatedAt?: string | null }[];
}

// ---- audit: state as of a moment, and the diff between two moments (exact server shapes, not normalised) ----

/** Applicable and done instances of a scope; `overdue` counts applicable ones due before the day and not done. */
export interface AsOfProgress {
  readonly applicable: number;
  readonly done: number;
  readonly overdue: number;
  readonly completion: Ratio;
}

export interface AsOfPhase extends AsOfProgress {
  readonly phaseId: string;
  readonly stageId: string | null;
  readonly name: string;
  readonly order: number;
}

export interface AsOfStage extends AsOfProgress {
  readonly stageId: string;
  readonly name: string;
  readonly order: number;
  readonly status: StageStatus;
  readonly openedOn: IsoDate | null;
  readonly closedOn: IsoDate | null;
  readonly carriedOver: number;
  readonly phases: readonly AsOfPhase[];
}

export interface AsOfParticipation {
  readonly byPerson: Ratio;
  readonly byPersonSession: Ratio;
  readonly attendance: Ratio;
  readonly sessions: number;
}

/** The body of GET /api/campaigns/:id/overview, as the server sends it. */
export interface AsOfOverview {
  readonly campaignId: string;
  readonly name: string;
  readonly status: string;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
  readonly asOf: IsoDate;
  readonly totals: AsOfProgress;
  readonly stages: readonly AsOfStage[];
  readonly phases: readonly AsOfPhase[];
  readonly unphased: AsOfProgress;
  readonly halfYear: { readonly timeProgress: Ratio; readonly workProgress: Ratio; readonly halfwayDate: IsoDate; readonly passes: boolean };
  readonly warnings: { readonly red: number; readonly amber: number; readonly amberWithinDays: number };
  readonly participation: AsOfParticipation;
}

export interface AsOfWarningInstance {
  readonly branchId: string;
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
  readonly evidence: readonly string[];
  readonly reopenCount: number;
  readonly actual: number | null;
  readonly carriedOverTo?: string | null;
  readonly colour: WarningColour;
  readonly daysLeft: number;
}

export interface AsOfBranchRank {
  readonly rank: number;
  readonly branchId: string;
  readonly name: string;
  readonly completion: Ratio;
  readonly participation: AsOfParticipation;
}

/** GET /api/campaigns/:id/as-of?at=<ISO instant | YYYY-MM-DD (end of that office day)>. */
export interface AsOfState {
  readonly campaignId: string;
  /** The instant the state is taken at. */
  readonly at: string;
  /** The office day the figures are evaluated on. */
  readonly officeDate: IsoDate;
  /** Last log position included ("commit/prepare"). */
  readonly position: string | null;
  readonly eventsRead: number;
  readonly eventsReplayed: number;
  readonly overview: AsOfOverview;
  /** `overall` is overview.participation; `weekly` as GET .../participation/weekly. */
  readonly participation: {
    readonly overall: AsOfParticipation;
    readonly weekly: readonly { readonly weekOf: IsoDate; readonly sessions: number; readonly participation: Ratio; readonly attendance: Ratio }[];
  };
  /** As GET .../overdue. */
  readonly overdue: { readonly red: number; readonly amber: number; readonly instances: readonly AsOfWarningInstance[] };
  /** Branches by completion, as GET .../ranking. */
  readonly ranking: readonly AsOfBranchRank[];
}

export type DiffEventType = 'TaskCompleted' | 'TaskReopened' | 'TaskAdded' | 'TaskCancelled' | 'TaskDeadlineMoved';

export interface DiffChange {
  readonly type: DiffEventType;
  readonly change: 'completed' | 'reopened' | 'added' | 'cancelled' | 'deadlineMoved';
  /** Null for plan changes (added, cancelled, deadline moved): they apply to every branch. */
  readonly instanceKey: string | null;
  readonly taskId: string;
  readonly branchId: string | null;
  readonly title: string | null;
  readonly stageId: string | null;
  readonly actorId: string;
  readonly actorRole: string;
  readonly recordedAt: string;
  readonly occurredAt: string;
  readonly reason: string | null;
  readonly note: string | null;
  readonly previousDueDate: IsoDate | null;
  readonly dueDate: IsoDate | null;
  readonly streamId: string;
  readonly revision: number;
  readonly position: string;
}

/** GET /api/campaigns/:id/diff?from=&to= (each an ISO instant or a day meaning its end); changes in log order. */
export interface CampaignDiff {
  readonly campaignId: string;
  readonly from: string;
  readonly to: string;
  readonly fromOfficeDate: IsoDate;
  readonly toOfficeDate: IsoDate;
  readonly fromPosition: string | null;
  readonly toPosition: string | null;
  readonly eventsRead: number;
  readonly changes: readonly DiffChange[];
  readonly summary: { readonly completed: number; readonly reopened: number; readonly added: number; readonly cancelled: number; readonly deadlineMoved: number };
}
