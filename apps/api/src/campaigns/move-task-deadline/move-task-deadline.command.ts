import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../auth/principal';
import type { CampaignView } from '../campaign-view';

export class MoveTaskDeadlineCommand extends Command<CampaignView> {
  constructor(
    readonly campaignId: string,
    readonly taskId: string,
    readonly dueDate: string,
    readonly reason: string,
    readonly expectedRevision: number,
    readonly principal: Principal,
    readonly correlationId?: string,
  ) {
    super();
  }
}
