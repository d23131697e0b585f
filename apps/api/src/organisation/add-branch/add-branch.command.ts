import { Command } from '@nestjs/cqrs';
import type { AddBranch } from '@campaign-ledger/domain';
import type { OrganisationWriteResult, WrittenBy } from '../shared/organisation.writer';

export class AddBranchCommand extends Command<OrganisationWriteResult> {
  constructor(
    readonly unitId: string,
    readonly data: AddBranch['data'],
    readonly by: WrittenBy,
  ) {
    super();
  }
}
