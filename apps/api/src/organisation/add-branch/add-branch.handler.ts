import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrganisationWriter, type OrganisationWriteResult } from '../shared/organisation.writer';
import { AddBranchCommand } from './add-branch.command';

@CommandHandler(AddBranchCommand)
export class AddBranchHandler implements ICommandHandler<AddBranchCommand> {
  constructor(private readonly writer: OrganisationWriter) {}

  execute({ unitId, data, by }: AddBranchCommand): Promise<OrganisationWriteResult> {
    return this.writer.execute(unitId, { type: 'AddBranch', data }, by);
  }
}
