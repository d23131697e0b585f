import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrganisationWriter, type OrganisationWriteResult } from '../shared/organisation.writer';
import { TransferMemberCommand } from './transfer-member.command';

@CommandHandler(TransferMemberCommand)
export class TransferMemberHandler implements ICommandHandler<TransferMemberCommand> {
  constructor(private readonly writer: OrganisationWriter) {}

  execute({ unitId, data, by }: TransferMemberCommand): Promise<OrganisationWriteResult> {
    return this.writer.execute(unitId, { type: 'TransferMember', data }, by);
  }
}
