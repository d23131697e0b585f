import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BranchWorkWriter } from '../shared/branch-work.writer';
import { RecordThreeOnesCommand, type ThreeOnesResult } from './record-three-ones.command';

@CommandHandler(RecordThreeOnesCommand)
export class RecordThreeOnesHandler implements ICommandHandler<RecordThreeOnesCommand, ThreeOnesResult> {
  constructor(private readonly writer: BranchWorkWriter) {}

  async execute({ principal, campaignId, branchId, input }: RecordThreeOnesCommand): Promise<ThreeOnesResult> {
    const outcome = await this.writer.write(
      principal,
      {
        type: 'RecordThreeOnes',
        data: { campaignId, branchId, memberId: input.memberId, item: input.item, date: input.date, title: input.title, note: input.note ?? null, by: principal.accountId },
      },
      { asOf: input.date, memberIds: [input.memberId] },
    );
    return { memberId: input.memberId, item: input.item, alreadyDone: outcome.alreadyDone, revision: outcome.revision };
  }
}
