import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CampaignCommand } from '@campaign-ledger/domain';
import type { Principal } from '@api/auth/principal';
import { CampaignContext } from '../campaign-context';
import type { CampaignView } from '../campaign-view';
import { CampaignWriter } from '../campaign-writer';
import { StageWork } from '../stage-work';

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

/**
 * 转段: the unfinished list is made from the plan the command is decided on, so a plan change in between (a task
 * cancelled, added) makes the aggregate store decide again on the new plan with a new list. Branch work completed in
 * that window is not guarded: at worst an instance finished a moment ago is carried over too (and still shows as
 * completed in its branch).
 */
@CommandHandler(CloseStageCommand)
export class CloseStageHandler implements ICommandHandler<CloseStageCommand, CampaignView> {
  constructor(
    private readonly writer: CampaignWriter,
    private readonly context: CampaignContext,
    private readonly stageWork: StageWork,
  ) {}

  execute(c: CloseStageCommand): Promise<CampaignView> {
    const today = this.context.today();
    return this.writer.write(
      c.campaignId,
      async ({ state: campaign }): Promise<CampaignCommand> => {
        const stage = campaign.status === 'planned' ? campaign.stages.find((s) => s.stageId === c.stageId) : undefined;
        // Only an open stage has work to weigh; for any other the decider gives the precise refusal.
        const unfinished =
          campaign.status === 'planned' && stage?.status === 'open' ? (await this.stageWork.unfinished(campaign, c.stageId, today)).unfinished : [];
        return { type: 'CloseStage', data: { stageId: c.stageId, on: today, by: c.principal.accountId, unfinished, carryOver: c.carryOver, note: c.reason } };
      },
      c.principal,
      { expectedRevision: c.expectedRevision, reason: c.reason, correlationId: c.correlationId },
    );
  }
}
