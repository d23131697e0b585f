import { Command } from '@nestjs/cqrs';
import type { ReinstateMember } from '@campaign-ledger/domain';
import type { OrganisationWriteResult, WrittenBy } from '../shared/organisation.writer';

export class ReinstateMemberCommand extends Command<OrganisationWriteResult> {
  constructor(
    readonly unitId: string,
    readonly data: ReinstateMember['data'],
    readonly by: WrittenBy,
  ) {
    super();
  }
}
