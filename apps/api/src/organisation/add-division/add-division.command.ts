import { Command } from '@nestjs/cqrs';
import type { AddDivision } from '@campaign-ledger/domain';
import type { OrganisationWriteResult, WrittenBy } from '../shared/organisation.writer';

export class AddDivisionCommand extends Command<OrganisationWriteResult> {
  constructor(
    readonly unitId: string,
    readonly data: AddDivision['data'],
    readonly by: WrittenBy,
  ) {
    super();
  }
}
