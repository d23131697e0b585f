import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { branchPhaseHeatMap, type HeatMap } from '@campaign-ledger/projections';
import { ReadModelsService } from '../read-models.service';

export class GetHeatMapQuery extends Query<HeatMap> {
  constructor(readonly campaignId: string) {
    super();
  }
}

@QueryHandler(GetHeatMapQuery)
export class GetHeatMapHandler implements IQueryHandler<GetHeatMapQuery, HeatMap> {
  constructor(private readonly readModels: ReadModelsService) {}

  async execute({ campaignId }: GetHeatMapQuery): Promise<HeatMap> {
    return branchPhaseHeatMap(this.readModels.source(), campaignId);
  }
}
