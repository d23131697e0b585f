import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CampaignContext } from '../campaign-context';
import { CampaignWriter } from '../campaign-writer';
import type { CampaignView } from '../campaign-view';
import type { Principal } from '@api/auth/principal';

export class OpenStageCommand extends Command<CampaignView> {
  constructor(
    readonly campaignId: string,
    readonly stageId: string,
    /** If-Match when the client sent one; stage transitions do not require it. */
    readonly expectedRevision: number | undefined,
    readonly principal: Principal,
    readonly correlationId?: string,
  ) {
    super();
  }
}

@CommandHandler(OpenStageCommand)
export class OpenStageHandler implements ICommandHandler<OpenStageCommand, CampaignView> {
  constructor(
    private readonly writer: CampaignWriter,
    private readonly context: CampaignContext,
  ) {}

  execute(c: OpenStageCommand): Promise<CampaignView> {
    return this.writer.write(
      c.campaignId,
      { type: 'OpenStage', data: { stageId: c.stageId, on: this.context.today(), by: c.principal.accountId } },
      c.principal,
      { expectedRevision: c.expectedRevision, correlationId: c.correlationId },
    );
  }
}
