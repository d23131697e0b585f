import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CampaignWriter } from '../campaign-writer';
import type { CampaignView } from '../campaign-view';
import { CancelTaskCommand } from './cancel-task.command';

@CommandHandler(CancelTaskCommand)
export class CancelTaskHandler implements ICommandHandler<CancelTaskCommand, CampaignView> {
  constructor(private readonly writer: CampaignWriter) {}

  execute(c: CancelTaskCommand): Promise<CampaignView> {
    return this.writer.write(
      c.campaignId,
      { type: 'CancelTask', data: { taskId: c.taskId, reason: c.reason, by: c.principal.accountId } },
      c.principal,
      { expectedRevision: c.expectedRevision, reason: c.reason, correlationId: c.correlationId },
    );
  }
}
