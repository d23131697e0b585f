import { Query } from '@nestjs/cqrs';
import type { IsoDate } from '@campaign-ledger/domain';
import type { Principal } from '../../auth/principal';

export interface StageUnfinishedView {
  readonly campaignId: string;
  readonly stageId: string;
  readonly asOf: IsoDate;
  readonly count: number;
  readonly byBranch: Record<string, number>;
  readonly instances: { instanceKey: string; taskId: string; taskTitle: string | null; branchId: string }[];
}

/** What would hold a stage transition back today: the same computation the close uses, without writing. */
export class StageUnfinishedQuery extends Query<StageUnfinishedView> {
  constructor(
    readonly campaignId: string,
    readonly stageId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}
