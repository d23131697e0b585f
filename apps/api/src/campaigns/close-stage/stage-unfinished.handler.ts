import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { StageUnfinishedView } from '@campaign-ledger/api-contract';
import { StageNotFound } from '@campaign-ledger/domain';
import { CampaignContext } from '../campaign-context';
import { StageWork } from '../stage-work';
import type { Principal } from '@api/auth/principal';

/** What would hold a stage transition back today: the same computation the close uses, without writing. */
export class StageUnfinishedQuery extends Query<StageUnfinishedView> {
  constructor(
    readonly campaignId: string,
    readonly stageId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}

@QueryHandler(StageUnfinishedQuery)
export class StageUnfinishedHandler implements IQueryHandler<StageUnfinishedQuery, StageUnfinishedView> {
  constructor(
    private readonly context: CampaignContext,
    private readonly stageWork: StageWork,
  ) {}

  async execute({ campaignId, stageId }: StageUnfinishedQuery): Promise<StageUnfinishedView> {
    const { campaign } = await this.context.campaign(campaignId);
    if (!campaign.stages.some((s) => s.stageId === stageId)) throw StageNotFound.withId(stageId);
    const report = await this.stageWork.unfinished(campaign, stageId, this.context.today());
    const titles = new Map(campaign.tasks.map((t) => [t.taskId, t.title]));
    return {
      campaignId,
      stageId,
      asOf: report.asOf,
      count: report.unfinished.length,
      byBranch: report.byBranch,
      instances: report.unfinished.map((u) => ({ ...u, taskTitle: titles.get(u.taskId) ?? null })),
    };
  }
}
