import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BranchWorkWriter } from '../shared/branch-work.writer';
import { ReopenTaskCommand, type ReopenResult } from './reopen-task.command';

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
