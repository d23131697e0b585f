// Domain types the JSON carries as they are (type-only: nothing of the domain's code comes with them).
export type {
  AttendanceMark, BranchPeriod, CarriedOverInstance, EvidenceFile, HalfYearCheck, IsoDate, MemberStatus, OrganisationEvent,
  OverdueColour, PlannedPhase, PlannedStage, PlannedTrack, Ratio, Role, Roster, RosterMember, StageStatus, StatusPeriod,
  StudyAttendance, TaskKind, TaskScope, TaskState, TemplateSummary, ThreeOnesItem,
} from '@campaign-ledger/domain';
