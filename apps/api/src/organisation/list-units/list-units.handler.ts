import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@campaign-ledger/event-store';
import { EVENT_STORE } from '@api/infrastructure/tokens';
import { readUnitIndex, type UnitSummary } from '../shared/unit-index';

export class ListUnitsQuery extends Query<UnitSummary[]> {}

@QueryHandler(ListUnitsQuery)
export class ListUnitsHandler implements IQueryHandler<ListUnitsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(): Promise<UnitSummary[]> {
    return readUnitIndex(this.store);
  }
}
