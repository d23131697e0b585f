import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrganisationWriter, type OrganisationWriteResult, type WrittenBy } from '../shared/organisation.writer';
import type { ReinstateMember } from '@campaign-ledger/domain';

export class ReinstateMemberCommand extends Command<OrganisationWriteResult> {
  constructor(
    readonly unitId: string,
    readonly data: ReinstateMember['data'],
    readonly by: WrittenBy,
  ) {
    super();
  }
}

@CommandHandler(ReinstateMemberCommand)
export class ReinstateMemberHandler implements ICommandHandler<ReinstateMemberCommand> {
  constructor(private readonly writer: OrganisationWriter) {}

  execute({ unitId, data, by }: ReinstateMemberCommand): Promise<OrganisationWriteResult> {
    return this.writer.execute(unitId, { type: 'ReinstateMember', data }, by);
  }
}
