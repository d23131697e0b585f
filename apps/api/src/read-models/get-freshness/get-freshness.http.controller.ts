import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetFreshnessQuery } from './get-freshness.handler';

@ApiTags('read-models')
@ApiBearerAuth()
@Controller('projections')
export class GetFreshnessHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('freshness')
  @ApiOperation({ summary: 'Whether the figures are current: behind the log, or held back by an open transaction (the web app shows a banner)' })
  freshness() {
    return this.queries.execute(new GetFreshnessQuery());
  }
}
