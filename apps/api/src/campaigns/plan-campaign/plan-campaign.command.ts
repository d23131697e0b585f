import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../auth/principal';
import type { CampaignView } from '../campaign-view';

export interface PlanCampaignInput {
  readonly campaignId?: string;
  readonly unitId: string;
  readonly name: string;
  readonly templateId?: string;
  readonly template?: Record<string, unknown>;
  readonly startDate: string;
  readonly endDate?: string;
  readonly officeBranchId?: string;
}

export class PlanCampaignCommand extends Command<CampaignView> {
  constructor(
    readonly input: PlanCampaignInput,
    readonly principal: Principal,
    readonly correlationId?: string,
  ) {
    super();
  }
}
