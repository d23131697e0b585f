import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { ProjectionStatus } from '@campaign-ledger/projections';
import type { AppConfig } from '@campaign-ledger/runtime';
import type { Principal } from '@api/auth/principal';
import { APP_CONFIG } from '@api/infrastructure/tokens';
import { ReadModelsService } from '../read-models.service';
import { assertMayReadOperationalFigures } from '../shared/operational-figures';

export class GetProjectionStatusQuery extends Query<ProjectionStatus> {
  constructor(readonly principal: Principal | undefined) {
    super();
  }
}

@QueryHandler(GetProjectionStatusQuery)
export class GetProjectionStatusHandler implements IQueryHandler<GetProjectionStatusQuery, ProjectionStatus> {
  constructor(
    private readonly readModels: ReadModelsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ principal }: GetProjectionStatusQuery): Promise<ProjectionStatus> {
    assertMayReadOperationalFigures(this.config, principal);
    return this.readModels.status();
  }
}
