import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrganisationWriter, type OrganisationWriteResult, type WrittenBy } from '../shared/organisation.writer';
import type { RenameBranch } from '@campaign-ledger/domain';

export class RenameBranchCommand extends Command<OrganisationWriteResult> {
  constructor(
    readonly unitId: string,
    readonly data: RenameBranch['data'],
    readonly by: WrittenBy,
  ) {
    super();
  }
}

@CommandHandler(RenameBranchCommand)
export class RenameBranchHandler implements ICommandHandler<RenameBranchCommand> {
  constructor(private readonly writer: OrganisationWriter) {}

  execute({ unitId, data, by }: RenameBranchCommand): Promise<OrganisationWriteResult> {
    return this.writer.execute(unitId, { type: 'RenameBranch', data }, by);
  }
}
