import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrganisationWriter, type OrganisationWriteResult } from '../shared/organisation.writer';
import { RenameBranchCommand } from './rename-branch.command';

@CommandHandler(RenameBranchCommand)
export class RenameBranchHandler implements ICommandHandler<RenameBranchCommand> {
  constructor(private readonly writer: OrganisationWriter) {}

  execute({ unitId, data, by }: RenameBranchCommand): Promise<OrganisationWriteResult> {
    return this.writer.execute(unitId, { type: 'RenameBranch', data }, by);
  }
}
