import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CompletionResult } from '@campaign-ledger/api-contract';
import { branchWorkStream, type EvidenceFile, type IsoDate } from '@campaign-ledger/domain';
import { type BlobStore, sha256Of } from '@campaign-ledger/runtime';
import { BLOB_STORE } from '@api/infrastructure/tokens';
import { BranchWorkWriter, membersOfInstanceKey } from '../shared/branch-work.writer';
import type { Principal } from '@api/auth/principal';

/** An uploaded evidence file as the HTTP layer received it. */
export interface UploadedEvidence {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Buffer;
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

@CommandHandler(CompleteTaskCommand)
export class CompleteTaskHandler implements ICommandHandler<CompleteTaskCommand, CompletionResult> {
  constructor(
    private readonly writer: BranchWorkWriter,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async execute({ principal, campaignId, branchId, instanceKey, input }: CompleteTaskCommand): Promise<CompletionResult> {
    // The files are stored only once the completion is accepted, just before the event that names them: an event
    // never points at a missing file, and a refused upload leaves nothing behind.
    const evidence: EvidenceFile[] = input.files.map((file) => ({
      fileName: file.fileName,
      sha256: sha256Of(file.content),
      size: file.content.length,
      contentType: file.contentType,
    }));
    const storeFiles = async () => {
      for (const file of input.files) await this.blobs.put(file.content);
    };
    const completedOn = input.completedOn ?? this.writer.today();
    const commandId = input.commandId ?? null;
    const outcome = await this.writer.write(
      principal,
      {
        type: 'CompleteTaskInstance',
        data: { campaignId, branchId, instanceKey, note: input.note ?? '', evidence, completedOn, by: principal.accountId, commandId },
      },
      {
        asOf: completedOn,
        memberIds: membersOfInstanceKey(instanceKey),
        // The decider repeats nothing while the instance stays completed; the key also holds after a reopening.
        idempotencyKey: commandId ? `${branchWorkStream(campaignId, branchId)}|complete|${commandId}` : undefined,
        beforeAppend: input.files.length > 0 ? storeFiles : undefined,
      },
    );
    return { instanceKey, status: 'completed', alreadyDone: outcome.alreadyDone, revision: outcome.revision, completedOn, evidence };
  }
}
