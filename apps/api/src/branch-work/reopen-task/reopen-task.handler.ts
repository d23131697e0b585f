import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ReopenResult } from '@campaign-ledger/api-contract';
import { BranchWorkWriter } from '../shared/branch-work.writer';
import type { IsoDate } from '@campaign-ledger/domain';
import type { Principal } from '@api/auth/principal';

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

@CommandHandler(ReopenTaskCommand)
export class ReopenTaskHandler implements ICommandHandler<ReopenTaskCommand, ReopenResult> {
  constructor(private readonly writer: BranchWorkWriter) {}

  async execute({ principal, campaignId, branchId, instanceKey, input }: ReopenTaskCommand): Promise<ReopenResult> {
    const on = input.on ?? this.writer.today();
    const outcome = await this.writer.write(
      principal,
      { type: 'ReopenTaskInstance', data: { campaignId, branchId, instanceKey, reason: input.reason, on, by: principal.accountId } },
      { asOf: on, reason: input.reason },
    );
    return { instanceKey, status: 'reopened', alreadyDone: outcome.alreadyDone, revision: outcome.revision, reopenedOn: on };
  }
}
