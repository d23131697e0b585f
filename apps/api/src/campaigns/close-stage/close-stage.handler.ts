import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { campaignDecider, CampaignNotFound, campaignStream } from '@campaign-ledger/domain';
import { ConcurrencyError } from '@campaign-ledger/event-store';
import { AggregateStore } from '@api/infrastructure/event-sourcing/aggregate-store';
import { CampaignContext, metadataFor } from '../campaign-context';
import { campaignView, type CampaignView } from '../campaign-view';
import { StageWork } from '../stage-work';
import type { Principal } from '@api/auth/principal';

export class CloseStageCommand extends Command<CampaignView> {
  constructor(
    readonly campaignId: string,
    readonly stageId: string,
    readonly carryOver: boolean,
    readonly reason: string | null,
    readonly expectedRevision: number | undefined,
    readonly principal: Principal,
    readonly correlationId?: string,
  ) {
    super();
  }
}

const MAX_ATTEMPTS = 5;

/**
 * 转段: the unfinished list is computed from the plan at one revision and appended only at that revision, so a plan
 * change in between (a task cancelled, added) makes us compute again. Branch work completed in that window is not
 * guarded: at worst an instance finished a moment ago is carried over too (and still shows as completed in its branch).
 */
@CommandHandler(CloseStageCommand)
export class CloseStageHandler implements ICommandHandler<CloseStageCommand, CampaignView> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly context: CampaignContext,
    private readonly stageWork: StageWork,
  ) {}

  async execute(c: CloseStageCommand): Promise<CampaignView> {
    for (let attempt = 1; ; attempt += 1) {
      const { campaign, revision } = await this.context.campaign(c.campaignId);
      if (c.expectedRevision !== undefined && c.expectedRevision !== revision) throw new ConcurrencyError(campaignStream(c.campaignId), c.expectedRevision, revision);
      const today = this.context.today();
      const stage = campaign.stages.find((s) => s.stageId === c.stageId);
      // Only an open stage has work to weigh; for any other the decider gives the precise refusal.
      const unfinished = stage?.status === 'open' && campaign.status === 'planned' ? (await this.stageWork.unfinished(campaign, c.stageId, today)).unfinished : [];
      try {
        const result = await this.aggregates.handle(
          campaignStream(c.campaignId),
          campaignDecider,
          { type: 'CloseStage', data: { stageId: c.stageId, on: today, by: c.principal.accountId, unfinished, carryOver: c.carryOver, note: c.reason } },
          () => undefined,
          { metadata: metadataFor(c.principal, c.reason, c.correlationId), expectedRevision: revision },
        );
        if (result.state.status === 'not_planned') throw CampaignNotFound.notPlanned();
        return campaignView(result.state, result.revision, c.principal);
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || c.expectedRevision !== undefined || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}
