import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrganisationWriter, type OrganisationWriteResult, type WrittenBy } from '../shared/organisation.writer';
import type { ExemptMember } from '@campaign-ledger/domain';

export class ExemptMemberCommand extends Command<OrganisationWriteResult> {
  constructor(
    readonly unitId: string,
    readonly data: ExemptMember['data'],
    readonly by: WrittenBy,
  ) {
    super();
  }
}

@CommandHandler(ExemptMemberCommand)
export class ExemptMemberHandler implements ICommandHandler<ExemptMemberCommand> {
  constructor(private readonly writer: OrganisationWriter) {}

  execute({ unitId, data, by }: ExemptMemberCommand): Promise<OrganisationWriteResult> {
    return this.writer.execute(unitId, { type: 'ExemptMember', data }, by);
  }
}
