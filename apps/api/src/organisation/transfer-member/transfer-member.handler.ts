import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrganisationWriter, type OrganisationWriteResult, type WrittenBy } from '../shared/organisation.writer';
import type { TransferMember } from '@campaign-ledger/domain';

export class TransferMemberCommand extends Command<OrganisationWriteResult> {
  constructor(
    readonly unitId: string,
    readonly data: TransferMember['data'],
    readonly by: WrittenBy,
  ) {
    super();
  }
}

@CommandHandler(TransferMemberCommand)
export class TransferMemberHandler implements ICommandHandler<TransferMemberCommand> {
  constructor(private readonly writer: OrganisationWriter) {}

  execute({ unitId, data, by }: TransferMemberCommand): Promise<OrganisationWriteResult> {
    return this.writer.execute(unitId, { type: 'TransferMember', data }, by);
  }
}
