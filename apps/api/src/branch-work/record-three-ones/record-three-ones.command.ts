import { Command } from '@nestjs/cqrs';
import type { IsoDate, ThreeOnesItem } from '@campaign-ledger/domain';
import type { Principal } from '../../auth/principal';

export interface ThreeOnesResult {
  readonly memberId: string;
  readonly item: ThreeOnesItem;
  readonly alreadyDone: boolean;
  readonly revision: number;
}

export class RecordThreeOnesCommand extends Command<ThreeOnesResult> {
  constructor(
    readonly principal: Principal,
    readonly campaignId: string,
    readonly branchId: string,
    readonly input: { readonly memberId: string; readonly item: ThreeOnesItem; readonly date: IsoDate; readonly title: string; readonly note?: string },
  ) {
    super();
  }
}
