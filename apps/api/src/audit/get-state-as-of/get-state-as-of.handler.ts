import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { stateAsOf, type StateAsOf } from '@campaign-ledger/audit';
import type { EventStore } from '@campaign-ledger/event-store';
import { EVENT_STORE } from '@api/infrastructure/tokens';

export class GetStateAsOfQuery extends Query<StateAsOf> {
  constructor(
    readonly campaignId: string,
    /** An ISO instant, or an office day (YYYY-MM-DD) meaning its end. */
    readonly at: string,
  ) {
    super();
  }
}

/** Replays the log up to the moment on every call: an audit read, not a dashboard (the live read models are for that). */
@QueryHandler(GetStateAsOfQuery)
export class GetStateAsOfHandler implements IQueryHandler<GetStateAsOfQuery, StateAsOf> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ campaignId, at }: GetStateAsOfQuery): Promise<StateAsOf> {
    return stateAsOf(this.store, campaignId, at);
  }
}
