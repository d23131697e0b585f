import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { branchWorkStream, type EvidenceFile } from '@campaign-ledger/domain';
import type { BlobStore } from '@campaign-ledger/runtime';
import { BLOB_STORE } from '../../infrastructure/tokens';
import { BranchWorkWriter, membersOfInstanceKey } from '../shared/branch-work.writer';
import { CompleteTaskCommand, type CompletionResult } from './complete-task.command';

@CommandHandler(CompleteTaskCommand)
export class CompleteTaskHandler implements ICommandHandler<CompleteTaskCommand, CompletionResult> {
  constructor(
    private readonly writer: BranchWorkWriter,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async execute({ principal, campaignId, branchId, instanceKey, input }: CompleteTaskCommand): Promise<CompletionResult> {
    // Before any file is kept on someone's behalf: a refused writer leaves no blob behind.
    this.writer.authorize(principal, branchId);
    // Blobs go in before the event that names them, so an event never points at a missing file.
    // A refusal after this leaves an unreferenced blob: content-addressed, harmless, and only readable by hash.
    const evidence: EvidenceFile[] = [];
    for (const file of input.files) {
      const stored = await this.blobs.put(file.content);
      evidence.push({ fileName: file.fileName, sha256: stored.sha256, size: stored.size, contentType: file.contentType });
    }
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
      },
    );
    return { instanceKey, status: 'completed', alreadyDone: outcome.alreadyDone, revision: outcome.revision, completedOn, evidence };
  }
}
