import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CampaignWriter } from '../campaign-writer';
import type { CampaignView } from '../campaign-view';
import { AddTaskCommand } from './add-task.command';

@CommandHandler(AddTaskCommand)
export class AddTaskHandler implements ICommandHandler<AddTaskCommand, CampaignView> {
  constructor(private readonly writer: CampaignWriter) {}

  execute(c: AddTaskCommand): Promise<CampaignView> {
    return this.writer.write(
      c.campaignId,
      { type: 'AddTask', data: { task: c.task, reason: c.reason, by: c.principal.accountId } },
      c.principal,
      { expectedRevision: c.expectedRevision, reason: c.reason, correlationId: c.correlationId },
    );
  }
}
