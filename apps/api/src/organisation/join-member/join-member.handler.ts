import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrganisationWriter, type OrganisationWriteResult } from '../shared/organisation.writer';
import { JoinMemberCommand } from './join-member.command';

@CommandHandler(JoinMemberCommand)
export class JoinMemberHandler implements ICommandHandler<JoinMemberCommand> {
  constructor(private readonly writer: OrganisationWriter) {}

  execute({ unitId, data, by }: JoinMemberCommand): Promise<OrganisationWriteResult> {
    return this.writer.execute(unitId, { type: 'JoinMember', data }, by);
  }
}
