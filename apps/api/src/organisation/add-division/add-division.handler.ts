import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrganisationWriter, type OrganisationWriteResult } from '../shared/organisation.writer';
import { AddDivisionCommand } from './add-division.command';

@CommandHandler(AddDivisionCommand)
export class AddDivisionHandler implements ICommandHandler<AddDivisionCommand> {
  constructor(private readonly writer: OrganisationWriter) {}

  execute({ unitId, data, by }: AddDivisionCommand): Promise<OrganisationWriteResult> {
    return this.writer.execute(unitId, { type: 'AddDivision', data }, by);
  }
}
