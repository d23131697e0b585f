import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../auth/principal';
import type { BranchWorkView } from './branch-work.view';

export class GetBranchWorkQuery extends Query<BranchWorkView> {
  constructor(
    readonly principal: Principal,
    readonly campaignId: string,
    readonly branchId: string,
  ) {
    super();
  }
}
