import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { rankBranches, type BranchRanking } from '@campaign-ledger/projections';
import { ReadModelsService } from '../read-models.service';
import type { RankBy } from './rank-branches.dto';

export class RankBranchesQuery extends Query<BranchRanking[]> {
  constructor(
    readonly campaignId: string,
    readonly by: RankBy = 'completion',
  ) {
    super();
  }
}

@QueryHandler(RankBranchesQuery)
export class RankBranchesHandler implements IQueryHandler<RankBranchesQuery, BranchRanking[]> {
  constructor(private readonly readModels: ReadModelsService) {}

  async execute({ campaignId, by }: RankBranchesQuery): Promise<BranchRanking[]> {
    return rankBranches(this.readModels.source(), campaignId, by);
  }
}
