import { Command } from '@nestjs/cqrs';
import type { ChangeBranchSecretary } from '@campaign-ledger/domain';
import type { OrganisationWriteResult, WrittenBy } from '../shared/organisation.writer';

export class ChangeBranchSecretaryCommand extends Command<OrganisationWriteResult> {
  constructor(
    readonly unitId: string,
    readonly data: ChangeBranchSecretary['data'],
    readonly by: WrittenBy,
  ) {
    super();
  }
}
