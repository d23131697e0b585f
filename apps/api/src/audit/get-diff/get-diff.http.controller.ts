import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { CampaignDiff } from '@campaign-ledger/audit';
import { Roles } from '@api/auth/principal';
import { GetDiffQuery } from './get-diff.handler';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('campaigns')
export class GetDiffHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':campaignId/diff')
  @Roles('auditor', 'leading_group', 'administrator')
  @ApiOperation({ summary: 'What changed between two moments: instances completed or reopened, tasks added or cancelled, deadlines moved; who, when, why' })
  @ApiQuery({ name: 'from', required: true, description: 'ISO instant with its time zone, or YYYY-MM-DD meaning the end of that office day' })
  @ApiQuery({ name: 'to', required: true, description: 'Same forms; not before "from"' })
  @ApiOkResponse({
    description:
      '{ campaignId, from, to, changes: [{ type, change, instanceKey, taskId, branchId, title, actorId, actorRole, recordedAt, reason, ... }], summary }',
  })
  @ApiBadRequestResponse({ description: '"from" or "to" missing or unreadable, or "from" after "to"' })
  @ApiNotFoundResponse({ description: 'No such campaign' })
  @ApiForbiddenResponse({ description: 'Secretaries' })
  async diff(@Param('campaignId') campaignId: string, @Query('from') from?: string, @Query('to') to?: string): Promise<CampaignDiff> {
    return this.queries.execute(new GetDiffQuery(campaignId, from ?? '', to ?? ''));
  }
}
