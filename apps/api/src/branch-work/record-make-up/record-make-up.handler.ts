import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { MakeUpResult } from '@campaign-ledger/api-contract';
import { BranchWorkWriter } from '../shared/branch-work.writer';
import type { IsoDate } from '@campaign-ledger/domain';
import type { Principal } from '@api/auth/principal';

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

@CommandHandler(RecordMakeUpCommand)
export class RecordMakeUpHandler implements ICommandHandler<RecordMakeUpCommand, MakeUpResult> {
  constructor(private readonly writer: BranchWorkWriter) {}

  async execute({ principal, campaignId, branchId, sessionId, input }: RecordMakeUpCommand): Promise<MakeUpResult> {
    const outcome = await this.writer.write(
      principal,
      {
        type: 'RecordMakeUp',
        data: { campaignId, branchId, sessionId, memberId: input.memberId, date: input.date, note: input.note ?? null, by: principal.accountId },
      },
      { asOf: input.date, memberIds: [input.memberId] },
    );
    return { sessionId, memberId: input.memberId, alreadyDone: outcome.alreadyDone, revision: outcome.revision };
  }
}
