import { Query } from '@nestjs/cqrs';
import type { IsoDate, Roster } from '@campaign-ledger/domain';

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
