import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../auth/principal';
import type { CampaignView } from '../campaign-view';

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
