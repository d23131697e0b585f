import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { stateAsOf, type StateAsOf } from '@campaign-ledger/audit';
import type { EventStore } from '@campaign-ledger/event-store';
import { EVENT_STORE } from '../../infrastructure/tokens';
import { GetStateAsOfQuery } from './get-state-as-of.query';

/** Replays the log up to the moment on every call: an audit read, not a dashboard (the live read models are for that). */
@QueryHandler(GetStateAsOfQuery)
export class GetStateAsOfHandler implements IQueryHandler<GetStateAsOfQuery, StateAsOf> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ campaignId, at }: GetStateAsOfQuery): Promise<StateAsOf> {
    return stateAsOf(this.store, campaignId, at);
  }
}
