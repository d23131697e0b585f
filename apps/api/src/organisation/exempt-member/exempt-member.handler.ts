import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrganisationWriter, type OrganisationWriteResult } from '../shared/organisation.writer';
import { ExemptMemberCommand } from './exempt-member.command';

@CommandHandler(ExemptMemberCommand)
export class ExemptMemberHandler implements ICommandHandler<ExemptMemberCommand> {
  constructor(private readonly writer: OrganisationWriter) {}

  execute({ unitId, data, by }: ExemptMemberCommand): Promise<OrganisationWriteResult> {
    return this.writer.execute(unitId, { type: 'ExemptMember', data }, by);
  }
}
