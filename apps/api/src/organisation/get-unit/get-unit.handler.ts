import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type IsoDate, organisationDecider, organisationStream, UnitNotRegistered } from '@campaign-ledger/domain';
import type { Clock } from '@campaign-ledger/event-store';
import { AggregateStore } from '@api/infrastructure/event-sourcing/aggregate-store';
import { CLOCK } from '@api/infrastructure/tokens';
import { organisationView, type OrganisationView } from '../shared/organisation.view';
import { officeToday as todayOf } from '@api/infrastructure/office-today';

export class GetUnitQuery extends Query<OrganisationView> {
  constructor(
    readonly unitId: string,
    /** Members are placed and classified as of this date; today when omitted. */
    readonly asOf: IsoDate | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetUnitQuery)
export class GetUnitHandler implements IQueryHandler<GetUnitQuery> {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ unitId, asOf }: GetUnitQuery): Promise<OrganisationView> {
    const { state, revision } = await this.aggregates.load(organisationStream(unitId), organisationDecider);
    if (state.status !== 'registered') throw UnitNotRegistered.yet();
    return organisationView(state, revision, asOf ?? todayOf(this.clock));
  }
}
