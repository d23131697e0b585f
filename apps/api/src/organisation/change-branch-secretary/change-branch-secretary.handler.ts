import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrganisationWriter, type OrganisationWriteResult } from '../shared/organisation.writer';
import { ChangeBranchSecretaryCommand } from './change-branch-secretary.command';

@CommandHandler(ChangeBranchSecretaryCommand)
export class ChangeBranchSecretaryHandler implements ICommandHandler<ChangeBranchSecretaryCommand> {
  constructor(private readonly writer: OrganisationWriter) {}

  execute({ unitId, data, by }: ChangeBranchSecretaryCommand): Promise<OrganisationWriteResult> {
    return this.writer.execute(unitId, { type: 'ChangeBranchSecretary', data }, by);
  }
}
