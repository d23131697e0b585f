import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrganisationWriter, type OrganisationWriteResult, type WrittenBy } from '../shared/organisation.writer';
import type { AddDivision } from '@campaign-ledger/domain';

export class AddDivisionCommand extends Command<OrganisationWriteResult> {
  constructor(
    readonly unitId: string,
    readonly data: AddDivision['data'],
    readonly by: WrittenBy,
  ) {
    super();
  }
}

@CommandHandler(AddDivisionCommand)
export class AddDivisionHandler implements ICommandHandler<AddDivisionCommand> {
  constructor(private readonly writer: OrganisationWriter) {}

  execute({ unitId, data, by }: AddDivisionCommand): Promise<OrganisationWriteResult> {
    return this.writer.execute(unitId, { type: 'AddDivision', data }, by);
  }
}
