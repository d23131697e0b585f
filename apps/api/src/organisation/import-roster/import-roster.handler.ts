import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organisationDecider, organisationStream, UnitNotRegistered, type OrganisationEvent } from '@campaign-ledger/domain';
import type { Actor, Clock, EventStore } from '@campaign-ledger/event-store';
import { AggregateStore } from '@api/infrastructure/event-sourcing/aggregate-store';
import { CLOCK, EVENT_STORE } from '@api/infrastructure/tokens';
import { officeToday as todayOf } from '@api/infrastructure/office-today';
import { RosterRowsRefused } from '../shared/organisation.api-errors';
import { readRosterFile, type UploadedRosterFile } from './roster-file.parser';
import { planRosterImport, type RosterImportAnswer, type RosterImportReport } from './roster-import.plan';

export class ImportRosterCommand extends Command<RosterImportAnswer> {
  constructor(
    readonly unitId: string,
    readonly file: UploadedRosterFile,
    /** Only report what the import would do. */
    readonly dryRun: boolean,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * The whole roster in one append at the revision the plan was made on, or nothing: through the aggregate store, so a
 * roster changed meanwhile makes the plan again on the new one. A file with any refused row is refused whole (422).
 */
@CommandHandler(ImportRosterCommand)
export class ImportRosterHandler implements ICommandHandler<ImportRosterCommand, RosterImportAnswer> {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ unitId, file, dryRun, actor }: ImportRosterCommand): Promise<RosterImportAnswer> {
    const streamId = organisationStream(unitId);
    if ((await this.store.streamHead(streamId)) === null) throw UnitNotRegistered.yet();
    const table = await readRosterFile(file);
    const today = todayOf(this.clock);
    const made: { report?: RosterImportReport } = {};
    const result = await this.aggregates.run(
      streamId,
      organisationDecider,
      ({ state, revision }): OrganisationEvent[] => {
        const plan = planRosterImport(state, table, today);
        made.report = plan.report;
        if (plan.report.refused.length > 0 && !dryRun) throw RosterRowsRefused.inReport({ ...plan.report, written: false, dryRun, revision });
        return dryRun ? [] : [...plan.events];
      },
      {
        metadata: { actor, reason: `roster import from ${file.originalname ?? 'an uploaded file'} (${table.rows.length} rows)` },
      },
    );
    if (!made.report) throw new Error('the roster import made no plan');
    return { ...made.report, written: result.events.length > 0, dryRun, revision: result.revision };
  }
}
