import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { participationOverTime, type WeeklyParticipation } from '@campaign-ledger/projections';
import { ReadModelsService } from '../read-models.service';

export class GetWeeklyParticipationQuery extends Query<WeeklyParticipation[]> {
  constructor(readonly campaignId: string) {
    super();
  }
}

@QueryHandler(GetWeeklyParticipationQuery)
export class GetWeeklyParticipationHandler implements IQueryHandler<GetWeeklyParticipationQuery, WeeklyParticipation[]> {
  constructor(private readonly readModels: ReadModelsService) {}

  async execute({ campaignId }: GetWeeklyParticipationQuery): Promise<WeeklyParticipation[]> {
    return participationOverTime(this.readModels.source(), campaignId);
  }
}
