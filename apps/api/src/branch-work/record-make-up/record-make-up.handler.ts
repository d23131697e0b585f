import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BranchWorkWriter } from '../shared/branch-work.writer';
import { RecordMakeUpCommand, type MakeUpResult } from './record-make-up.command';

@CommandHandler(RecordMakeUpCommand)
export class RecordMakeUpHandler implements ICommandHandler<RecordMakeUpCommand, MakeUpResult> {
  constructor(private readonly writer: BranchWorkWriter) {}

  async execute({ principal, campaignId, branchId, sessionId, input }: RecordMakeUpCommand): Promise<MakeUpResult> {
    const outcome = await this.writer.write(
      principal,
      { type: 'RecordMakeUp', data: { campaignId, branchId, sessionId, memberId: input.memberId, date: input.date, note: input.note ?? null, by: principal.accountId } },
      { asOf: input.date, memberIds: [input.memberId] },
    );
    return { sessionId, memberId: input.memberId, alreadyDone: outcome.alreadyDone, revision: outcome.revision };
  }
}
