import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { isInstallationAdministrator } from '@api/auth/access-policy';
import type { CampaignList } from '@campaign-ledger/api-contract';
import { CampaignCatalogue } from './campaign-catalogue';
import type { Principal } from '@api/auth/principal';

export class ListCampaignsQuery extends Query<CampaignList> {
  constructor(
    readonly unitId: string | undefined,
    readonly principal: Principal,
  ) {
    super();
  }
}

@QueryHandler(ListCampaignsQuery)
export class ListCampaignsHandler implements IQueryHandler<ListCampaignsQuery, CampaignList> {
  constructor(private readonly catalogue: CampaignCatalogue) {}

  async execute({ unitId, principal }: ListCampaignsQuery): Promise<CampaignList> {
    // The UnitScopeGuard checked a unit named in the query; without one, your own unit's (every unit's for an
    // installation administrator; none for an account that belongs to no unit).
    const unit = unitId ?? principal.unitId ?? null;
    if (unit === null && !isInstallationAdministrator(principal)) return { unitId: null, count: 0, campaigns: [] };
    const all = [...(await this.catalogue.current()).values()];
    const campaigns = all
      .filter((c) => unit === null || c.unitId === unit)
      .sort((a, b) => (a.startDate === b.startDate ? a.campaignId.localeCompare(b.campaignId) : b.startDate.localeCompare(a.startDate)));
    return { unitId: unit, count: campaigns.length, campaigns };
  }
}
