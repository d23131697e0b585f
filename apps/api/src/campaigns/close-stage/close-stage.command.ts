import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../auth/principal';
import type { CampaignView } from '../campaign-view';

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
