import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../auth/principal';
import type { CampaignView } from '../campaign-view';

export class CloseCampaignCommand extends Command<CampaignView> {
  constructor(
    readonly campaignId: string,
    readonly note: string | null,
    readonly expectedRevision: number | undefined,
    readonly principal: Principal,
    readonly correlationId?: string,
  ) {
    super();
  }
}
