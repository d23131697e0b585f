import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ThreeOnesResult } from '@campaign-ledger/api-contract';
import { BranchWorkWriter } from '../shared/branch-work.writer';
import type { IsoDate, ThreeOnesItem } from '@campaign-ledger/domain';
import type { Principal } from '@api/auth/principal';

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

@CommandHandler(RecordThreeOnesCommand)
export class RecordThreeOnesHandler implements ICommandHandler<RecordThreeOnesCommand, ThreeOnesResult> {
  constructor(private readonly writer: BranchWorkWriter) {}

  async execute({ principal, campaignId, branchId, input }: RecordThreeOnesCommand): Promise<ThreeOnesResult> {
    const outcome = await this.writer.write(
      principal,
      {
        type: 'RecordThreeOnes',
        data: {
          campaignId,
          branchId,
          memberId: input.memberId,
          item: input.item,
          date: input.date,
          title: input.title,
          note: input.note ?? null,
          by: principal.accountId,
        },
      },
      { asOf: input.date, memberIds: [input.memberId] },
    );
    return { memberId: input.memberId, item: input.item, alreadyDone: outcome.alreadyDone, revision: outcome.revision };
  }
}
