import { Command } from '@nestjs/cqrs';
import type { IsoDate } from '@campaign-ledger/domain';
import type { Principal } from '../../auth/principal';

export interface QuantityResult {
  /** Null for a repeated report named by task id only. */
  readonly instanceKey: string | null;
  readonly reportId: string | null;
  readonly alreadyDone: boolean;
  readonly revision: number;
  /** Running total, target and challenge after this report (null when nothing new was recorded). */
  readonly actual: number | null;
  readonly target: number | null;
  readonly challenge: number | null;
}

export class ReportQuantityCommand extends Command<QuantityResult> {
  constructor(
    readonly principal: Principal,
    readonly campaignId: string,
    readonly branchId: string,
    readonly input: {
      readonly instanceKey?: string;
      readonly taskId?: string;
      readonly amount: number;
      readonly on?: IsoDate;
      readonly note?: string;
      readonly reportId?: string;
    },
  ) {
    super();
  }
}
