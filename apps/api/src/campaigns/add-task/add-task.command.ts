import { Command } from '@nestjs/cqrs';
import type { NewTask } from '@campaign-ledger/domain';
import type { Principal } from '../../auth/principal';
import type { CampaignView } from '../campaign-view';

export class AddTaskCommand extends Command<CampaignView> {
  constructor(
    readonly campaignId: string,
    readonly task: NewTask,
    readonly reason: string,
    /** The revision the editor saw (If-Match). */
    readonly expectedRevision: number,
    readonly principal: Principal,
    readonly correlationId?: string,
  ) {
    super();
  }
}
