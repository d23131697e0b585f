import { Command } from '@nestjs/cqrs';
import type { TransferMember } from '@campaign-ledger/domain';
import type { OrganisationWriteResult, WrittenBy } from '../shared/organisation.writer';

export class TransferMemberCommand extends Command<OrganisationWriteResult> {
  constructor(
    readonly unitId: string,
    readonly data: TransferMember['data'],
    readonly by: WrittenBy,
  ) {
    super();
  }
}
