import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { branchDashboard, type BranchDashboard } from '@campaign-ledger/projections';
import { ReadModelsService } from '../read-models.service';

export class GetBranchDashboardQuery extends Query<BranchDashboard> {
  constructor(
    readonly campaignId: string,
    readonly branchId: string,
    readonly options: {
      /** Default: today, from the live read model. */
      readonly asOf?: string;
      readonly amberWithinDays?: number;
    } = {},
  ) {
    super();
  }
}

@QueryHandler(GetBranchDashboardQuery)
export class GetBranchDashboardHandler implements IQueryHandler<GetBranchDashboardQuery, BranchDashboard> {
  constructor(private readonly readModels: ReadModelsService) {}

  async execute({ campaignId, branchId, options }: GetBranchDashboardQuery): Promise<BranchDashboard> {
    const asOf = options.asOf ?? this.readModels.today();
    return branchDashboard(await this.readModels.sourceAsOf(asOf), campaignId, branchId, { asOf, amberWithinDays: options.amberWithinDays });
  }
}
