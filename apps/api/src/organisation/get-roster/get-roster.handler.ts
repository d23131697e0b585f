import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { organisationDecider, organisationStream, rosterOn } from '@campaign-ledger/domain';
import type { Clock } from '@campaign-ledger/event-store';
import { AggregateStore } from '../../infrastructure/event-sourcing/aggregate-store';
import { CLOCK } from '../../infrastructure/tokens';
import { officeToday as todayOf } from '../../infrastructure/office-today';
import { GetRosterQuery, type RosterAnswer } from './get-roster.query';

@QueryHandler(GetRosterQuery)
export class GetRosterHandler implements IQueryHandler<GetRosterQuery> {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ unitId, branchId, asOf }: GetRosterQuery): Promise<RosterAnswer> {
    const { state, revision } = await this.aggregates.load(organisationStream(unitId), organisationDecider);
    return { roster: rosterOn(state, branchId, asOf ?? todayOf(this.clock)), revision };
  }
}
