import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CampaignWriter } from '../campaign-writer';
import type { CampaignView } from '../campaign-view';
import type { Principal } from '@api/auth/principal';

export class CancelTaskCommand extends Command<CampaignView> {
  constructor(
    readonly campaignId: string,
    readonly taskId: string,
    readonly reason: string,
    /** If-Match as sent; undefined for `*` (any current version). */
    readonly expectedRevision: number | undefined,
    readonly principal: Principal,
    readonly correlationId?: string,
  ) {
    super();
  }
}

@CommandHandler(CancelTaskCommand)
export class CancelTaskHandler implements ICommandHandler<CancelTaskCommand, CampaignView> {
  constructor(private readonly writer: CampaignWriter) {}

  execute(c: CancelTaskCommand): Promise<CampaignView> {
    return this.writer.write(c.campaignId, { type: 'CancelTask', data: { taskId: c.taskId, reason: c.reason, by: c.principal.accountId } }, c.principal, {
      expectedRevision: c.expectedRevision,
      reason: c.reason,
      correlationId: c.correlationId,
    });
  }
}
