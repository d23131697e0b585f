import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrganisationWriter, type OrganisationWriteResult, type WrittenBy } from '../shared/organisation.writer';
import type { ChangeBranchSecretary } from '@campaign-ledger/domain';

export class ChangeBranchSecretaryCommand extends Command<OrganisationWriteResult> {
  constructor(
    readonly unitId: string,
    readonly data: ChangeBranchSecretary['data'],
    readonly by: WrittenBy,
  ) {
    super();
  }
}

@CommandHandler(ChangeBranchSecretaryCommand)
export class ChangeBranchSecretaryHandler implements ICommandHandler<ChangeBranchSecretaryCommand> {
  constructor(private readonly writer: OrganisationWriter) {}

  execute({ unitId, data, by }: ChangeBranchSecretaryCommand): Promise<OrganisationWriteResult> {
    return this.writer.execute(unitId, { type: 'ChangeBranchSecretary', data }, by);
  }
}
