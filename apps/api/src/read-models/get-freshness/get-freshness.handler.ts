import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type Freshness, ReadModelsService } from '../read-models.service';

export class GetFreshnessQuery extends Query<Freshness> {}

@QueryHandler(GetFreshnessQuery)
export class GetFreshnessHandler implements IQueryHandler<GetFreshnessQuery, Freshness> {
  constructor(private readonly readModels: ReadModelsService) {}

  async execute(): Promise<Freshness> {
    return this.readModels.freshness();
  }
}
