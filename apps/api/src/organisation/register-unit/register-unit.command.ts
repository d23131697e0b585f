import { Command } from '@nestjs/cqrs';
import type { OrganisationWriteResult, WrittenBy } from '../shared/organisation.writer';

export class RegisterUnitCommand extends Command<OrganisationWriteResult> {
  constructor(
    /** Omitted: the handler gives the unit a UUID v7. */
    readonly unitId: string | undefined,
    readonly name: string,
    readonly code: string,
    readonly by: WrittenBy,
  ) {
    super();
  }
}
