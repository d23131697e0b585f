import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { OverdueList } from '@campaign-ledger/api-contract';
import { overdueInstances } from '@campaign-ledger/projections';
import { ReadModelsService } from '../read-models.service';

export class ListOverdueQuery extends Query<OverdueList> {
  constructor(
    readonly campaignId: string,
    readonly options: {
      /** Default: today, from the live read model. */
      readonly asOf?: string;
      readonly amberWithinDays?: number;
      readonly limit?: number;
    },
  ) {
    super();
  }
}

@QueryHandler(ListOverdueQuery)
export class ListOverdueHandler implements IQueryHandler<ListOverdueQuery, OverdueList> {
  constructor(private readonly readModels: ReadModelsService) {}

  async execute({ campaignId, options }: ListOverdueQuery): Promise<OverdueList> {
    const asOf = options.asOf ?? this.readModels.today();
    return overdueInstances(await this.readModels.sourceAsOf(asOf), campaignId, { asOf, amberWithinDays: options.amberWithinDays, limit: options.limit });
  }
}
