import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { history, InvalidHistoryFilterError, type HistoryFilter, type HistoryPage } from '@campaign-ledger/audit';
import { branchWorkStream, campaignStream, InvalidCommand, StreamCategories } from '@campaign-ledger/domain';
import type { EventStore } from '@campaign-ledger/event-store';
import type { Principal } from '@api/auth/principal';
import { EVENT_STORE } from '@api/infrastructure/tokens';
import { AccountsService } from '@api/auth/accounts.service';
import { LogScopes } from '../log-scopes';

/** Which events: one stream, a campaign (or one branch's work in it), a member, types, a time range; and which page. */
export interface HistoryCriteria {
  readonly stream?: string;
  readonly campaignId?: string;
  /** Only with campaignId: a branch's work is kept per campaign. */
  readonly branchId?: string;
  readonly memberId?: string;
  readonly type?: readonly string[];
  /** Office day (YYYY-MM-DD) or ISO date-time, inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly page?: number;
  readonly pageSize?: number;
  readonly order?: 'asc' | 'desc';
  readonly includeAuditorReads?: boolean;
}

export class GetHistoryQuery extends Query<HistoryPage> {
  constructor(
    readonly criteria: HistoryCriteria,
    readonly principal: Principal,
  ) {
    super();
  }
}

/** Every event matching the criteria within the principal's part of the log, oldest first, one page. */
@QueryHandler(GetHistoryQuery)
export class GetHistoryHandler implements IQueryHandler<GetHistoryQuery, HistoryPage> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly scopes: LogScopes,
    private readonly accounts: AccountsService,
  ) {}

  /** People appear by name: each actor's display name beside the id the log keeps. */
  private async named(page: HistoryPage): Promise<HistoryPage> {
    const names = new Map<string, string | null>();
    for (const { actor } of page.items) {
      if (!names.has(actor.id)) names.set(actor.id, (await this.accounts.findById(actor.id))?.displayName ?? null);
    }
    return { ...page, items: page.items.map((item) => ({ ...item, actor: { ...item.actor, name: names.get(item.actor.id) ?? null } })) };
  }

  async execute({ criteria, principal }: GetHistoryQuery): Promise<HistoryPage> {
    if (criteria.stream !== undefined) await this.scopes.assertStreamReachable(principal, criteria.stream);
    try {
      return await this.named(await history(this.store, { ...toFilter(criteria), scope: this.scopes.of(principal) }));
    } catch (error) {
      if (error instanceof InvalidHistoryFilterError) throw InvalidCommand.field('query', error.message);
      throw error;
    }
  }
}

function toFilter(criteria: HistoryCriteria): HistoryFilter {
  const { stream, campaignId, branchId } = criteria;
  if (branchId !== undefined && campaignId === undefined) {
    throw InvalidCommand.field('branchId', "needs campaignId: a branch's work is kept per campaign", '需同时给出 campaignId：支部工作按活动记录');
  }
  const streams: string[] = stream !== undefined ? [stream] : [];
  const streamPrefixes: string[] = [];
  if (campaignId !== undefined && branchId !== undefined) streams.push(branchWorkStream(campaignId, branchId));
  else if (campaignId !== undefined) {
    streams.push(campaignStream(campaignId));
    streamPrefixes.push(`${StreamCategories.branchWork}-${campaignId}:`);
  }
  return {
    streams,
    streamPrefixes,
    memberId: criteria.memberId,
    types: criteria.type,
    from: criteria.from,
    to: criteria.to,
    includeAuditorReads: criteria.includeAuditorReads ?? false,
    page: criteria.page,
    pageSize: criteria.pageSize,
    order: criteria.order,
  };
}
