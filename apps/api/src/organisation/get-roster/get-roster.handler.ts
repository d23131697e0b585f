import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type IsoDate, organisationDecider, organisationStream, type Roster, rosterOn } from '@campaign-ledger/domain';
import type { Clock } from '@campaign-ledger/event-store';
import { AggregateStore } from '@api/infrastructure/event-sourcing/aggregate-store';
import { CLOCK } from '@api/infrastructure/tokens';
import { officeToday as todayOf } from '@api/infrastructure/office-today';

export interface RosterAnswer {
  readonly roster: Roster;
  readonly revision: number;
}

export class GetRosterQuery extends Query<RosterAnswer> {
  constructor(
    readonly unitId: string,
    readonly branchId: string,
    /** Today when omitted. */
    readonly asOf: IsoDate | undefined,
  ) {
    super();
  }
}

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
