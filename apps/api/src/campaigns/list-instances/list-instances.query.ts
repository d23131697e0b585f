import { Query } from '@nestjs/cqrs';
import type { IsoDate, TaskInstance } from '@campaign-ledger/domain';
import type { Principal } from '../../auth/principal';

export type InstanceStatus = 'open' | 'completed' | 'carried_over' | 'cancelled';

export interface InstanceView extends Omit<TaskInstance, 'carriedOverTo'> {
  readonly title: string;
  readonly status: InstanceStatus;
  readonly overdue: boolean;
  readonly completedOn: IsoDate | null;
  /** The stage the instance was carried into (null: past the last stage); null when never carried over. */
  readonly carriedOverTo: string | null;
  /** Times the instance was reopened after a completion (each with a reason in the branch's history). */
  readonly reopenCount: number;
}

export interface BranchInstances {
  readonly campaignId: string;
  readonly branchId: string;
  readonly asOf: IsoDate;
  readonly counts: Record<InstanceStatus | 'total' | 'overdue', number>;
  readonly instances: InstanceView[];
}

export class ListInstancesQuery extends Query<BranchInstances> {
  constructor(
    readonly campaignId: string,
    readonly branchId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}
