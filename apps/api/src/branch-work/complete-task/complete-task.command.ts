import { Command } from '@nestjs/cqrs';
import type { EvidenceFile, IsoDate } from '@campaign-ledger/domain';
import type { Principal } from '../../auth/principal';

/** An uploaded evidence file as the HTTP layer received it. */
export interface UploadedEvidence {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface CompletionResult {
  readonly instanceKey: string;
  readonly status: 'completed';
  /** True for an identical retry (same note and evidence, or same commandId): nothing new was recorded. */
  readonly alreadyDone: boolean;
  readonly revision: number;
  readonly completedOn: IsoDate;
  readonly evidence: readonly EvidenceFile[];
}

export class CompleteTaskCommand extends Command<CompletionResult> {
  constructor(
    readonly principal: Principal,
    readonly campaignId: string,
    readonly branchId: string,
    readonly instanceKey: string,
    readonly input: { readonly note?: string; readonly completedOn?: IsoDate; readonly commandId?: string; readonly files: readonly UploadedEvidence[] },
  ) {
    super();
  }
}
