import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import { organisationDecider, organisationStream, UnitAlreadyRegistered } from '@campaign-ledger/domain';
import type { Actor } from '@campaign-ledger/event-store';
import { AggregateStore } from '@api/infrastructure/event-sourcing/aggregate-store';
import { OrganisationWriter, type OrganisationWriteResult, type WrittenBy } from '../shared/organisation.writer';
import { unitIndexEntry, type UnitSummary } from '../shared/unit-index';

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

@CommandHandler(RegisterUnitCommand)
export class RegisterUnitHandler implements ICommandHandler<RegisterUnitCommand> {
  constructor(
    private readonly writer: OrganisationWriter,
    private readonly aggregates: AggregateStore,
  ) {}

  private async index(unit: UnitSummary, actor: Actor): Promise<void> {
    const entry = unitIndexEntry(unit, actor);
    await this.aggregates.record(entry.streamId, entry.events, entry.metadata, { idempotencyKey: entry.idempotencyKey });
  }

  async execute({ unitId = uuidv7(), name, code, by }: RegisterUnitCommand): Promise<OrganisationWriteResult> {
    try {
      const result = await this.writer.execute(unitId, { type: 'RegisterUnit', data: { unitId, name, code } }, by);
      await this.index({ unitId, name: name.trim(), code: code.trim() }, by.actor);
      return result;
    } catch (error) {
      // Registered before but perhaps never indexed (a crash between the two appends): index it now, then refuse.
      if (error instanceof UnitAlreadyRegistered) {
        const { state } = await this.aggregates.load(organisationStream(unitId), organisationDecider);
        if (state.status === 'registered') await this.index(state, by.actor);
      }
      throw error;
    }
  }
}
