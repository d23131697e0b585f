import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { organisationDecider, organisationStream, UnitNotRegistered } from '@campaign-ledger/domain';
import type { Clock } from '@campaign-ledger/event-store';
import { AggregateStore } from '../../infrastructure/event-sourcing/aggregate-store';
import { CLOCK } from '../../infrastructure/tokens';
import { organisationView, type OrganisationView } from '../shared/organisation.view';
import { officeToday as todayOf } from '../../infrastructure/office-today';
import { GetUnitQuery } from './get-unit.query';

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
