import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrganisationWriter, type OrganisationWriteResult, type WrittenBy } from '../shared/organisation.writer';
import type { JoinMember } from '@campaign-ledger/domain';

export class JoinMemberCommand extends Command<OrganisationWriteResult> {
  constructor(
    readonly unitId: string,
    readonly data: JoinMember['data'],
    readonly by: WrittenBy,
  ) {
    super();
  }
}

@CommandHandler(JoinMemberCommand)
export class JoinMemberHandler implements ICommandHandler<JoinMemberCommand> {
  constructor(private readonly writer: OrganisationWriter) {}

  execute({ unitId, data, by }: JoinMemberCommand): Promise<OrganisationWriteResult> {
    return this.writer.execute(unitId, { type: 'JoinMember', data }, by);
  }
}
