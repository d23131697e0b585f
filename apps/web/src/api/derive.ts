// Pure folds that build the overview and a branch dashboard from routes that exist today (campaign, instances, work, unit),
// used only while the server's read-model routes answer 404. Same metric definitions as DOMAIN.md.
import type {
  BranchDashboard, BranchInstances, BranchRank, BranchWork, Campaign, DashboardInstance, DashboardPhase, HeatCell, InstanceRow,
  IsoDate, Overview, Participation, ParticipationPoint, PhaseProgress, Progress, Ratio, StageProgress, StudySession, Unit,
  WarningColour, WarningRow,
} from './types';

export const AMBER_WITHIN_DAYS = 7;
export const WARNING_HORIZON_DAYS = 14;

const DAY = 86_400_000;
const toUtc = (d: IsoDate) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
export const daysBetween = (from: IsoDate, to: IsoDate) => Math.round((toUtc(to) - toUtc(from)) / DAY);
export const addDays = (d: IsoDate, n: number): IsoDate => new Date(toUtc(d) + n * DAY).toISOString().slice(0, 10);
export const mondayOf = (d: IsoDate): IsoDate => addDays(d, -((new Date(toUtc(d)).getUTCDay() + 6) % 7));

/** The name the read model gives the unit-level pseudo-branch (work the leading group's office does). */
export const UNIT_LEVEL_NAME = '机关（单位层面）';

function subjectNameOf(unit: Unit | null, i: InstanceRow): string | null {
  if (i.scope === 'member' || i.scope === 'leader') return unit?.members.find((m) => m.memberId === i.subjectId)?.name ?? null;
  if (i.scope === 'division') return unit?.divisions.find((d) => d.divisionId === i.subjectId)?.name ?? null;
  return null;
}

export function warningColour(dueDate: IsoDate, asOf: IsoDate, done: boolean): { colour: WarningColour; daysLeft: number } {
  const daysLeft = daysBetween(asOf, dueDate);
  if (done) return { colour: 'green', daysLeft };
  if (daysLeft < 0) return { colour: 'red', daysLeft };
  if (daysLeft <= AMBER_WITHIN_DAYS) return { colour: 'amber', daysLeft };
  return { colour: 'green', daysLeft };
}

const applicable = (i: InstanceRow) => i.status !== 'cancelled';

function progressOf(rows: readonly InstanceRow[]): Progress {
  const scope = rows.filter(applicable);
  return {
    completion: { numerator: scope.filter((i) => i.status === 'completed').length, denominator: scope.length },
    overdue: scope.filter((i) => i.overdue).length,
  };
}

export function participationOf(sessions: readonly StudySession[]): Participation {
  let took = 0;
  let required = 0;
  const members = new Map<string, boolean>();
  for (const s of sessions) {
    const madeUp = new Set(s.makeUps.map((m) => m.memberId));
    for (const m of s.expected) {
      const participated = s.attendance[m] === 'present' || madeUp.has(m);
      required += 1;
      if (participated) took += 1;
      members.set(m, (members.get(m) ?? true) && participated);
    }
  }
  return {
    byPerson: { numerator: [...members.values()].filter(Boolean).length, denominator: members.size },
    byPersonSession: { numerator: took, denominator: required },
  };
}

export const sumRatios = (rs: readonly Ratio[]): Ratio => rs.reduce((a, r) => ({ numerator: a.numerator + r.numerator, denominator: a.denominator + r.denominator }), { numerator: 0, denominator: 0 });

export interface OverviewInputs {
  readonly campaign: Campaign;
  readonly unit: Unit | null;
  /** Every branch's instances, including the unit-level pseudo-branch. */
  readonly instances: readonly BranchInstances[];
  readonly works: readonly BranchWork[];
}

export function deriveOverview({ campaign, unit, instances, works }: OverviewInputs): Overview {
  const asOf = instances[0]?.asOf ?? new Date().toISOString().slice(0, 10);
  const all = instances.flatMap((b) => b.instances);
  const branchName = (id: string) => unit?.branches.find((b) => b.branchId === id)?.name ?? id;

  const stages: StageProgress[] = campaign.stages.map((s) => ({
    stageId: s.stageId, name: s.name, status: s.status, ...progressOf(all.filter((i) => i.stageId === s.stageId)),
  }));
  const phases: PhaseProgress[] = campaign.phases.map((p) => ({
    phaseId: p.phaseId, stageId: p.stageId, name: p.name, ...progressOf(all.filter((i) => i.phaseId === p.phaseId)),
  }));
  const campaignProgress = progressOf(all);

  const days = daysBetween(campaign.startDate, campaign.endDate) + 1;
  const elapsed = asOf < campaign.startDate ? 0 : asOf > campaign.endDate ? days : daysBetween(campaign.startDate, asOf) + 1;
  const halfYear = {
    timeProgress: { numerator: elapsed, denominator: days },
    workProgress: campaignProgress.completion,
    halfwayDate: addDays(campaign.startDate, Math.ceil(days / 2) - 1),
    passes: campaignProgress.completion.denominator > 0 && campaignProgress.completion.numerator * 2 >= campaignProgress.completion.denominator,
  };

  const branchIds = (unit?.branches.map((b) => b.branchId) ?? instances.map((b) => b.branchId)).filter((id) => !id.startsWith('_'));
  const branches: BranchRank[] = branchIds.map((branchId) => {
    const rows = instances.find((b) => b.branchId === branchId)?.instances ?? [];
    const work = works.find((w) => w.branchId === branchId);
    return { branchId, name: branchName(branchId), ...progressOf(rows), participation: participationOf(work?.sessions ?? []) };
  });

  const heatRows = [...branchIds, campaign.officeBranchId];
  const cells: HeatCell[] = heatRows.flatMap((branchId) => {
    const rows = instances.find((b) => b.branchId === branchId)?.instances ?? [];
    return campaign.phases.map((p) => ({ branchId, phaseId: p.phaseId, completion: progressOf(rows.filter((i) => i.phaseId === p.phaseId)).completion }));
  });
  const heatmap = { rows: heatRows.map((branchId) => ({ branchId, name: branchId === campaign.officeBranchId ? UNIT_LEVEL_NAME : branchName(branchId) })), cells };

  const sessions = works.flatMap((w) => w.sessions);
  const participation: Participation = {
    byPerson: sumRatios(works.map((w) => participationOf(w.sessions).byPerson)),
    byPersonSession: participationOf(sessions).byPersonSession,
  };
  const weeks = [...new Set(sessions.map((s) => mondayOf(s.date)))].sort();
  const participationOverTime: ParticipationPoint[] = weeks.map((week) => {
    const inWeek = sessions.filter((s) => mondayOf(s.date) === week);
    const expected = inWeek.reduce((n, s) => n + s.expected.length, 0);
    const present = inWeek.reduce((n, s) => n + s.expected.filter((m) => s.attendance[m] === 'present').length, 0);
    return { date: week, sessions: inWeek.length, participation: participationOf(inWeek).byPersonSession, attendance: { numerator: present, denominator: expected } };
  });

  const warnings: WarningRow[] = all
    .filter((i) => (i.status === 'open' || i.status === 'carried_over') && daysBetween(asOf, i.dueDate) <= WARNING_HORIZON_DAYS)
    .map((i) => {
      const { colour, daysLeft } = warningColour(i.dueDate, asOf, false);
      return {
        instanceKey: i.key, taskId: i.taskId, title: i.title, branchId: i.branchId, branchName: i.branchId === campaign.officeBranchId ? UNIT_LEVEL_NAME : branchName(i.branchId),
        phaseId: i.phaseId, subjectId: i.subjectId, subjectName: subjectNameOf(unit, i), dueDate: i.dueDate, daysLeft, colour,
      };
    })
    .filter((w) => w.colour !== 'green')
    .sort((a, b) => a.daysLeft - b.daysLeft || a.branchId.localeCompare(b.branchId));

  return {
    campaignId: campaign.campaignId, asOf, campaign: campaignProgress, stages, phases, halfYear, participation, branches, heatmap,
    participationOverTime, warnings, warningCounts: { red: warnings.filter((w) => w.colour === 'red').length, amber: warnings.filter((w) => w.colour === 'amber').length },
    source: 'derived',
  };
}

export function deriveDashboard(campaign: Campaign, instances: BranchInstances, work: BranchWork): BranchDashboard {
  const asOf = instances.asOf;
  const byKey = new Map(work.instances.map((w) => [w.instanceKey, w]));
  const rows: DashboardInstance[] = instances.instances.map((i) => {
    const recorded = byKey.get(i.key);
    const { colour, daysLeft } = warningColour(i.dueDate, asOf, i.status === 'completed' || i.status === 'cancelled');
    return {
      instanceKey: i.key, taskId: i.taskId, title: i.title, scope: i.scope, subjectId: i.subjectId, subjectName: null, phaseId: i.phaseId, stageId: i.stageId,
      weekOf: i.weekOf, dueDate: i.dueDate, status: i.status, overdue: i.overdue, colour, daysLeft, completedOn: i.completedOn,
      mandatory: i.mandatory, reopenCount: i.reopenCount, note: recorded?.completion?.note ?? null, evidenceCount: recorded?.completion?.evidence.length ?? 0,
    };
  });
  const phaseIds: (string | null)[] = [...campaign.phases.map((p) => p.phaseId), null];
  const phases: DashboardPhase[] = phaseIds
    .map((phaseId) => {
      const phase = campaign.phases.find((p) => p.phaseId === phaseId);
      const own = rows.filter((r) => r.phaseId === phaseId);
      const source = instances.instances.filter((r) => r.phaseId === phaseId);
      return { phaseId, name: phase?.name ?? '', stageId: phase?.stageId ?? null, ...progressOf(source), instances: own };
    })
    .filter((p) => p.instances.length > 0);
  return {
    campaignId: campaign.campaignId, branchId: instances.branchId, asOf, total: progressOf(instances.instances),
    participation: participationOf(work.sessions), phases, sessions: work.sessions, threeOnes: work.threeOnes, source: 'derived',
  };
}
