// Units, branches, members and roster imports (/api/units).
import type { BranchRecord, DivisionRecord, IsoDate, MemberRecord, MemberStatus, OrganisationEvent } from '@campaign-ledger/domain';
import type { ErrorBody } from './errors';

/** GET /api/units: the unit itself, or every unit for an installation administrator. */
export interface UnitSummary {
  readonly unitId: string;
  readonly name: string;
  readonly code: string;
}

/** A member as the domain records them (with the branch and status histories), placed and classified on `asOf`. */
export interface MemberView extends MemberRecord {
  /** Branch on `asOf` (the branch joined, for a member who joins later). */
  readonly branchId: string;
  /** Status on `asOf`; `not_joined_yet` when the join date is later. */
  readonly status: MemberStatus | 'not_joined_yet';
}

/** A branch as the domain records it, with its members counted on `asOf`. */
export interface BranchSummary extends BranchRecord {
  readonly activeMembers: number;
  readonly exemptMembers: number;
}

/** GET /api/units/:unitId: the folded organisation, members placed and classified as of one date. */
export interface OrganisationView {
  readonly unitId: string;
  readonly name: string;
  readonly code: string;
  readonly revision: number;
  readonly asOf: IsoDate;
  readonly divisions: readonly DivisionRecord[];
  readonly branches: readonly BranchSummary[];
  readonly members: readonly MemberView[];
}

/** POST /api/units (installation administrator only). unitId is generated (UUID v7) when left out. */
export interface RegisterUnitBody {
  readonly unitId?: string;
  readonly name: string;
  readonly code: string;
}

export interface AddBranchBody {
  readonly branchId: string;
  readonly name: string;
  readonly secretaryName: string;
}

export interface AddDivisionBody {
  readonly divisionId: string;
  readonly name: string;
}

/** The answer of every organisation write. */
export interface OrganisationWriteResult {
  readonly unitId: string;
  /** Revision of the organisation stream after the command (unchanged when nothing was recorded). */
  readonly revision: number;
  /** The facts recorded; empty when the command changed nothing (e.g. renaming to the same name). */
  readonly events: OrganisationEvent[];
}

/** The columns of a roster file. */
export type RosterField = 'branchId' | 'branchName' | 'secretaryName' | 'memberId' | 'name' | 'isLeader' | 'joinedOn';

export interface RefusedRosterRow {
  /** Row number as the spreadsheet shows it (the header is row 1). */
  readonly row: number;
  readonly field?: RosterField;
  readonly reason: string;
  /** The same in Chinese, for the web app's Chinese pages. */
  readonly reasonZh: string;
}

export interface RosterImportReport {
  readonly format: 'csv' | 'xlsx';
  /** Member rows read from the file. */
  readonly rows: number;
  /** Rows with nothing wrong: members to join plus members already on the roll as written. */
  readonly accepted: number;
  /** Accepted rows whose member is already on the roll in that branch under that name: nothing to record. */
  readonly unchanged: number;
  readonly refused: readonly RefusedRosterRow[];
  readonly ignoredColumns: readonly string[];
  /** Ids of the branches the import creates (their names are in the file). */
  readonly branchesCreated: readonly string[];
  readonly membersJoined: readonly string[];
  /** Number of events the import records (0 when any row is refused). */
  readonly events: number;
}

/** POST /api/units/:unitId/import[?dryRun=true]: the report, and whether it was written. */
export interface RosterImportAnswer extends RosterImportReport {
  readonly written: boolean;
  readonly dryRun: boolean;
  readonly revision: number;
}

/** The 422 answer (ROSTER_IMPORT.ROWS_REFUSED) to an import with refused rows: nothing was written. */
export interface RosterImportRefused extends ErrorBody {
  readonly report: RosterImportAnswer;
}
