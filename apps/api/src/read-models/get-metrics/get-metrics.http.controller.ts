import { Controller, Get, Header } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, type Principal } from '@api/auth/principal';
import { GetMetricsQuery } from './get-metrics.handler';

/** Operational figures of the whole installation: administrators only, unless PUBLIC_METRICS=true (a scraper). */
@ApiTags('read-models')
@ApiBearerAuth()
@Public()
@Controller()
export class GetMetricsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics' })
  prometheus(@CurrentPrincipal() principal: Principal | undefined) {
    return this.queries.execute(new GetMetricsQuery(principal));
  }
}
