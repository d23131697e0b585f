import { Command } from '@nestjs/cqrs';
import type { IsoDate } from '@campaign-ledger/domain';
import type { Principal } from '../../auth/principal';

export interface MakeUpResult {
  readonly sessionId: string;
  readonly memberId: string;
  readonly alreadyDone: boolean;
  readonly revision: number;
}

export class RecordMakeUpCommand extends Command<MakeUpResult> {
  constructor(
    readonly principal: Principal,
    readonly campaignId: string,
    readonly branchId: string,
    readonly sessionId: string,
    readonly input: { readonly memberId: string; readonly date: IsoDate; readonly note?: string },
  ) {
    super();
  }
}
