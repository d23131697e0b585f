import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { BranchInstances, BranchInstanceView, InstanceStatus } from '@campaign-ledger/api-contract';
import { type BranchWorkState, expandInstances, isBefore, type IsoDate, type PlannedCampaign, rosterOn, type TaskInstance } from '@campaign-ledger/domain';
import { CampaignContext } from '../campaign-context';
import type { Principal } from '@api/auth/principal';

// What GET /api/campaigns/:id/instances answers is the contract's: declared once, there.
export type { BranchInstances, BranchInstanceView, InstanceStatus };

export class ListInstancesQuery extends Query<BranchInstances> {
  constructor(
    readonly campaignId: string,
    readonly branchId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}

/** Pure: one instance's status in its branch's work, and whether it is overdue on `today`. */
export function instanceView(campaign: PlannedCampaign, work: BranchWorkState, instance: TaskInstance, today: IsoDate): BranchInstanceView {
  const task = campaign.tasks.find((t) => t.taskId === instance.taskId);
  const recorded = work.instances[instance.key];
  const completed = recorded?.status === 'completed';
  const status: InstanceStatus = task?.cancelled ? 'cancelled' : completed ? 'completed' : instance.carriedOverTo !== undefined ? 'carried_over' : 'open';
  return {
    ...instance,
    title: task?.title ?? instance.taskId,
    status,
    overdue: (status === 'open' || status === 'carried_over') && isBefore(instance.dueDate, today),
    completedOn: recorded?.status === 'completed' ? recorded.completion.completedOn : null,
    carriedOverTo: instance.carriedOverTo ?? null,
    reopenCount: recorded?.reopenCount ?? 0,
  };
}

/** Read straight from the streams (plan, organisation, the branch's work) until the instance projection exists. */
@QueryHandler(ListInstancesQuery)
export class ListInstancesHandler implements IQueryHandler<ListInstancesQuery, BranchInstances> {
  constructor(private readonly context: CampaignContext) {}

  async execute({ campaignId, branchId }: ListInstancesQuery): Promise<BranchInstances> {
    const { campaign } = await this.context.campaign(campaignId);
    const today = this.context.today();
    const [organisation, work] = await Promise.all([this.context.organisation(campaign.unitId), this.context.branchWork(campaignId, branchId)]);
    const roster = rosterOn(organisation, branchId, today);
    const instances = expandInstances(campaign, roster, branchId, { includeCancelled: true }).map((i) => instanceView(campaign, work, i, today));
    const counts = { total: instances.length, open: 0, completed: 0, carried_over: 0, cancelled: 0, overdue: 0 };
    for (const i of instances) {
      counts[i.status] += 1;
      if (i.overdue) counts.overdue += 1;
    }
    return { campaignId, branchId, asOf: today, counts, instances };
  }
}
