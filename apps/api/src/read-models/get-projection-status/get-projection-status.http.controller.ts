import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, type Principal } from '@api/auth/principal';
import { GetProjectionStatusQuery } from './get-projection-status.handler';

/** Operational figures of the whole installation: administrators only, unless PUBLIC_METRICS=true (a scraper). */
@ApiTags('read-models')
@ApiBearerAuth()
@Public()
@Controller('projections')
export class GetProjectionStatusHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('status')
  @ApiOperation({ summary: 'Projection lag (events and seconds behind, events held back by an open transaction), lease owner and checkpoint' })
  status(@CurrentPrincipal() principal: Principal | undefined) {
    return this.queries.execute(new GetProjectionStatusQuery(principal));
  }
}
