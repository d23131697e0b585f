import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { AppConfig } from '@campaign-ledger/runtime';
import type { Principal } from '@api/auth/principal';
import { APP_CONFIG } from '@api/infrastructure/tokens';
import { ProjectionMetrics } from '../projection-metrics';
import { assertMayReadOperationalFigures } from '../shared/operational-figures';

/** The Prometheus text exposition of the projection's figures. */
export class GetMetricsQuery extends Query<string> {
  constructor(readonly principal: Principal | undefined) {
    super();
  }
}

@QueryHandler(GetMetricsQuery)
export class GetMetricsHandler implements IQueryHandler<GetMetricsQuery, string> {
  constructor(
    private readonly metrics: ProjectionMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ principal }: GetMetricsQuery): Promise<string> {
    assertMayReadOperationalFigures(this.config, principal);
    return this.metrics.text();
  }
}
