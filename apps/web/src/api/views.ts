// What the pages compose from the API's answers, which are the contract's types: nothing declared here is sent by the
// API. The figures themselves (colours, progress, participation) are the server's; these only group and count them.
import type {
  BranchDashboard,
  BranchRanking,
  CampaignOverview,
  CampaignView,
  HeatMap,
  HistoryEntry,
  InstanceStatus,
  OverdueList,
  PhaseOverview,
  Ratio,
  ReadModelInstance,
  WarningInstance,
  WeeklyParticipation,
} from '@campaign-ledger/api-contract';

/** The overview page's figures: five answers of the read model (overview, heat map, ranking, weekly participation, overdue list), read together. */
export interface OverviewFigures {
  readonly overview: CampaignOverview;
  readonly heatMap: HeatMap;
  readonly ranking: readonly BranchRanking[];
  readonly weekly: readonly WeeklyParticipation[];
  readonly overdue: OverdueList;
}

/** A row of the ranking table: the branch's figures, and how many of its instances the overdue list shows red. */
export interface RankedBranch extends BranchRanking {
  readonly overdue: number;
}

export function rankedBranches(ranking: readonly BranchRanking[], warnings: readonly WarningInstance[]): RankedBranch[] {
  const red = new Map<string, number>();
  for (const w of warnings) if (w.colour === 'red') red.set(w.branchId, (red.get(w.branchId) ?? 0) + 1);
  return ranking.map((b) => ({ ...b, overdue: red.get(b.branchId) ?? 0 }));
}

/** Every phase of the overview: each stage's, then those outside any stage. */
export const overviewPhases = (overview: CampaignOverview): PhaseOverview[] => [...overview.stages.flatMap((s) => s.phases), ...overview.phases];

/** How the ledger shows an instance: open (also once reopened), completed, or carried over into a later stage. */
export const ledgerStatus = (instance: ReadModelInstance): InstanceStatus =>
  instance.status === 'completed' ? 'completed' : instance.carriedOverTo !== undefined ? 'carried_over' : 'open';

/** A group of the branch ledger: a phase's instances, or those of tasks in no phase (phaseId null, last). */
export interface PhaseGroup {
  readonly phaseId: string | null;
  readonly stageId: string | null;
  readonly name: string;
  readonly completion: Ratio;
  readonly instances: readonly ReadModelInstance[];
}

/** The dashboard's instances by phase, in the plan's order (stage by stage), then the unphased ones. */
export function phaseGroups(dashboard: BranchDashboard, campaign: CampaignView): PhaseGroup[] {
  const planOrder = (phaseId: string) => {
    const index = campaign.phases.findIndex((p) => p.phaseId === phaseId);
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  const groups: PhaseGroup[] = [...dashboard.phases]
    .sort((a, b) => planOrder(a.phaseId) - planOrder(b.phaseId))
    .map((p) => ({ phaseId: p.phaseId, stageId: p.stageId, name: p.name, completion: p.completion, instances: p.instances }));
  const unphased = dashboard.unphased;
  if (unphased.length === 0) return groups;
  const done = unphased.filter((i) => i.status === 'completed').length;
  return [...groups, { phaseId: null, stageId: null, name: '', completion: { numerator: done, denominator: unphased.length }, instances: unphased }];
}

/** An event's data as the history carries it (whatever its type), field by field: each field is checked where it is read. */
export const eventData = (entry: HistoryEntry): Readonly<Record<string, unknown>> =>
  typeof entry.data === 'object' && entry.data !== null ? (entry.data as Record<string, unknown>) : {};
