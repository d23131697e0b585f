import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { history, InvalidHistoryFilterError, type HistoryFilter, type HistoryPage } from '@campaign-ledger/audit';
import { InvalidCommand, StreamCategories, branchWorkStream, campaignStream } from '@campaign-ledger/domain';
import type { EventStore } from '@campaign-ledger/event-store';
import { CurrentPrincipal, Roles, type Principal } from '@api/auth/principal';
import { EVENT_STORE } from '@api/infrastructure/tokens';
import { LogScopes } from '../log-scopes';
import { GetHistoryQueryDto } from './get-history.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class GetHistoryHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly scopes: LogScopes,
  ) {}

  @Get('history')
  @Roles('auditor', 'leading_group', 'administrator')
  @ApiOperation({ summary: "Every event of a stream, a campaign, a branch or a member of your unit: actor, role, times, reason, evidence hashes" })
  @ApiOkResponse({ description: '{ items, page, pageSize, total, pages }, oldest first' })
  @ApiBadRequestResponse({ description: 'branchId without campaignId, or a date that is not a day or ISO date-time' })
  @ApiNotFoundResponse({ description: 'A stream of another unit (or none at all)' })
  @ApiForbiddenResponse({ description: 'Secretaries' })
  async history(@Query() query: GetHistoryQueryDto, @CurrentPrincipal() principal: Principal): Promise<HistoryPage> {
    if (query.stream !== undefined) await this.scopes.assertStreamReachable(principal, query.stream);
    try {
      return await history(this.store, { ...toFilter(query), scope: this.scopes.of(principal) });
    } catch (error) {
      if (error instanceof InvalidHistoryFilterError) throw InvalidCommand.field('query', error.message);
      throw error;
    }
  }
}

function toFilter(query: GetHistoryQueryDto): HistoryFilter {
  if (query.branchId !== undefined && query.campaignId === undefined) {
    throw InvalidCommand.field('branchId', "needs campaignId: a branch's work is kept per campaign", '需同时给出 campaignId：支部工作按活动记录');
  }
  const streams: string[] = query.stream !== undefined ? [query.stream] : [];
  const streamPrefixes: string[] = [];
  if (query.campaignId !== undefined && query.branchId !== undefined) streams.push(branchWorkStream(query.campaignId, query.branchId));
  else if (query.campaignId !== undefined) {
    streams.push(campaignStream(query.campaignId));
    streamPrefixes.push(`${StreamCategories.branchWork}-${query.campaignId}:`);
  }
  return {
    streams, streamPrefixes, memberId: query.memberId, types: query.type, from: query.from, to: query.to,
    includeAuditorReads: query.includeAuditorReads ?? false, page: query.page, pageSize: query.pageSize,
  };
}
