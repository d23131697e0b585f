import { Command } from '@nestjs/cqrs';
import type { ExemptMember } from '@campaign-ledger/domain';
import type { OrganisationWriteResult, WrittenBy } from '../shared/organisation.writer';

export class ExemptMemberCommand extends Command<OrganisationWriteResult> {
  constructor(
    readonly unitId: string,
    readonly data: ExemptMember['data'],
    readonly by: WrittenBy,
  ) {
    super();
  }
}
