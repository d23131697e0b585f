import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CampaignContext } from '../campaign-context';
import { CampaignWriter } from '../campaign-writer';
import type { CampaignView } from '../campaign-view';
import { OpenStageCommand } from './open-stage.command';

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
