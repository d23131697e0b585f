import { Query } from '@nestjs/cqrs';
import type { IsoDate } from '@campaign-ledger/domain';
import type { OrganisationView } from '../shared/organisation.view';

export class GetUnitQuery extends Query<OrganisationView> {
  constructor(
    readonly unitId: string,
    /** Members are placed and classified as of this date; today when omitted. */
    readonly asOf: IsoDate | undefined,
  ) {
    super();
  }
}
