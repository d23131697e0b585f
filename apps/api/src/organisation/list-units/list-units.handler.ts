import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@campaign-ledger/event-store';
import { EVENT_STORE } from '../../infrastructure/tokens';
import { readUnitIndex, type UnitSummary } from '../shared/unit-index';
import { ListUnitsQuery } from './list-units.query';

@QueryHandler(ListUnitsQuery)
export class ListUnitsHandler implements IQueryHandler<ListUnitsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(): Promise<UnitSummary[]> {
    return readUnitIndex(this.store);
  }
}
