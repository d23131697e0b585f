import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@api/auth/principal';
import { RequestValidationError } from '@api/infrastructure/errors/request-validation.error';
import { ListInstancesQueryDto } from './list-instances.dto';
import { ListInstancesQuery } from './list-instances.handler';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class ListInstancesHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':campaignId/instances')
  @Roles('leading_group', 'auditor', 'administrator', 'secretary')
  @ApiOperation({ summary: "A branch's task instances today: status (open / completed / carried_over / cancelled), due date, overdue" })
  @ApiOkResponse({ description: '{ branchId, asOf, counts, instances }' })
  @ApiForbiddenResponse({ description: "A secretary asking for another branch's instances" })
  list(@Param('campaignId') campaignId: string, @QueryParams() query: ListInstancesQueryDto, @CurrentPrincipal() principal: Principal) {
    const branchId = query.branchId ?? (principal.role === 'secretary' ? principal.branchId : null);
    if (!branchId) throw new RequestValidationError([{ field: 'branchId', messages: ['is required: name the branch, or "_unit" for unit-level work'] }]);
    return this.queries.execute(new ListInstancesQuery(campaignId, branchId, principal));
  }
}
