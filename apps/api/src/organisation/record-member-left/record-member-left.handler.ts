import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrganisationWriter, type OrganisationWriteResult, type WrittenBy } from '../shared/organisation.writer';
import type { RecordMemberLeft } from '@campaign-ledger/domain';

export class RecordMemberLeftCommand extends Command<OrganisationWriteResult> {
  constructor(
    readonly unitId: string,
    readonly data: RecordMemberLeft['data'],
    readonly by: WrittenBy,
  ) {
    super();
  }
}

@CommandHandler(RecordMemberLeftCommand)
export class RecordMemberLeftHandler implements ICommandHandler<RecordMemberLeftCommand> {
  constructor(private readonly writer: OrganisationWriter) {}

  execute({ unitId, data, by }: RecordMemberLeftCommand): Promise<OrganisationWriteResult> {
    return this.writer.execute(unitId, { type: 'RecordMemberLeft', data }, by);
  }
}
