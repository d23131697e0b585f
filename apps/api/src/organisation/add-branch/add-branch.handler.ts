import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrganisationWriter, type OrganisationWriteResult, type WrittenBy } from '../shared/organisation.writer';
import type { AddBranch } from '@campaign-ledger/domain';

export class AddBranchCommand extends Command<OrganisationWriteResult> {
  constructor(
    readonly unitId: string,
    readonly data: AddBranch['data'],
    readonly by: WrittenBy,
  ) {
    super();
  }
}

@CommandHandler(AddBranchCommand)
export class AddBranchHandler implements ICommandHandler<AddBranchCommand> {
  constructor(private readonly writer: OrganisationWriter) {}

  execute({ unitId, data, by }: AddBranchCommand): Promise<OrganisationWriteResult> {
    return this.writer.execute(unitId, { type: 'AddBranch', data }, by);
  }
}
