import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CampaignWriter } from '../campaign-writer';
import type { CampaignView } from '../campaign-view';
import type { NewTask } from '@campaign-ledger/domain';
import type { Principal } from '@api/auth/principal';

export class AddTaskCommand extends Command<CampaignView> {
  constructor(
    readonly campaignId: string,
    readonly task: NewTask,
    readonly reason: string,
    /** The revision the editor saw (If-Match). */
    /** If-Match as sent; undefined for `*` (any current version). */
    readonly expectedRevision: number | undefined,
    readonly principal: Principal,
    readonly correlationId?: string,
  ) {
    super();
  }
}

@CommandHandler(AddTaskCommand)
export class AddTaskHandler implements ICommandHandler<AddTaskCommand, CampaignView> {
  constructor(private readonly writer: CampaignWriter) {}

  execute(c: AddTaskCommand): Promise<CampaignView> {
    return this.writer.write(c.campaignId, { type: 'AddTask', data: { task: c.task, reason: c.reason, by: c.principal.accountId } }, c.principal, {
      expectedRevision: c.expectedRevision,
      reason: c.reason,
      correlationId: c.correlationId,
    });
  }
}
