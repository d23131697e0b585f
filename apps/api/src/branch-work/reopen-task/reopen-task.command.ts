import { Command } from '@nestjs/cqrs';
import type { IsoDate } from '@campaign-ledger/domain';
import type { Principal } from '../../auth/principal';

export interface ReopenResult {
  readonly instanceKey: string;
  readonly status: 'reopened';
  readonly alreadyDone: boolean;
  readonly revision: number;
  readonly reopenedOn: IsoDate;
}

export class ReopenTaskCommand extends Command<ReopenResult> {
  constructor(
    readonly principal: Principal,
    readonly campaignId: string,
    readonly branchId: string,
    readonly instanceKey: string,
    readonly input: { readonly reason: string; readonly on?: IsoDate },
  ) {
    super();
  }
}
