import { Command } from '@nestjs/cqrs';
import type { RecordMemberLeft } from '@campaign-ledger/domain';
import type { OrganisationWriteResult, WrittenBy } from '../shared/organisation.writer';

export class RecordMemberLeftCommand extends Command<OrganisationWriteResult> {
  constructor(
    readonly unitId: string,
    readonly data: RecordMemberLeft['data'],
    readonly by: WrittenBy,
  ) {
    super();
  }
}
