import { Command } from '@nestjs/cqrs';
import type { JoinMember } from '@campaign-ledger/domain';
import type { OrganisationWriteResult, WrittenBy } from '../shared/organisation.writer';

export class JoinMemberCommand extends Command<OrganisationWriteResult> {
  constructor(
    readonly unitId: string,
    readonly data: JoinMember['data'],
    readonly by: WrittenBy,
  ) {
    super();
  }
}
