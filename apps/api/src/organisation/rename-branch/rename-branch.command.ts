import { Command } from '@nestjs/cqrs';
import type { RenameBranch } from '@campaign-ledger/domain';
import type { OrganisationWriteResult, WrittenBy } from '../shared/organisation.writer';

export class RenameBranchCommand extends Command<OrganisationWriteResult> {
  constructor(
    readonly unitId: string,
    readonly data: RenameBranch['data'],
    readonly by: WrittenBy,
  ) {
    super();
  }
}
