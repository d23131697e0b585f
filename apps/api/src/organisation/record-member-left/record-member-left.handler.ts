import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrganisationWriter, type OrganisationWriteResult } from '../shared/organisation.writer';
import { RecordMemberLeftCommand } from './record-member-left.command';

@CommandHandler(RecordMemberLeftCommand)
export class RecordMemberLeftHandler implements ICommandHandler<RecordMemberLeftCommand> {
  constructor(private readonly writer: OrganisationWriter) {}

  execute({ unitId, data, by }: RecordMemberLeftCommand): Promise<OrganisationWriteResult> {
    return this.writer.execute(unitId, { type: 'RecordMemberLeft', data }, by);
  }
}
