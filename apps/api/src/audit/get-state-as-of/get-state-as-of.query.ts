import { Query } from '@nestjs/cqrs';
import type { StateAsOf } from '@campaign-ledger/audit';

export class GetStateAsOfQuery extends Query<StateAsOf> {
  constructor(
    readonly campaignId: string,
    /** An ISO instant, or an office day (YYYY-MM-DD) meaning its end. */
    readonly at: string,
  ) {
    super();
  }
}
