import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrganisationWriter, type OrganisationWriteResult } from '../shared/organisation.writer';
import { ReinstateMemberCommand } from './reinstate-member.command';

@CommandHandler(ReinstateMemberCommand)
export class ReinstateMemberHandler implements ICommandHandler<ReinstateMemberCommand> {
  constructor(private readonly writer: OrganisationWriter) {}

  execute({ unitId, data, by }: ReinstateMemberCommand): Promise<OrganisationWriteResult> {
    return this.writer.execute(unitId, { type: 'ReinstateMember', data }, by);
  }
}
