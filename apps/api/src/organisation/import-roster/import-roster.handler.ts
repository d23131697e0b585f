import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organisationDecider, organisationStream, UnitNotRegistered } from '@campaign-ledger/domain';
import { type Actor, type Clock, ConcurrencyError, type EventStore } from '@campaign-ledger/event-store';
import { AggregateStore } from '@api/infrastructure/event-sourcing/aggregate-store';
import { CLOCK, EVENT_STORE } from '@api/infrastructure/tokens';
import { officeToday as todayOf } from '@api/infrastructure/office-today';
import { readRosterFile, type UploadedRosterFile } from './roster-file.parser';
import { planRosterImport, type RosterImportReport } from './roster-import.plan';

export type ImportRosterOutcome =
  | { readonly written: true; readonly revision: number; readonly report: RosterImportReport }
  | { readonly written: false; readonly dryRun: boolean; readonly revision: number; readonly report: RosterImportReport };

export class ImportRosterCommand extends Command<ImportRosterOutcome> {
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

const MAX_ATTEMPTS = 5;

@CommandHandler(ImportRosterCommand)
export class ImportRosterHandler implements ICommandHandler<ImportRosterCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ unitId, file, dryRun, actor }: ImportRosterCommand): Promise<ImportRosterOutcome> {
    const streamId = organisationStream(unitId);
    if ((await this.store.streamHead(streamId)) === null) throw UnitNotRegistered.yet();
    const table = await readRosterFile(file);
    const today = todayOf(this.clock);
    for (let attempt = 1; ; attempt += 1) {
      const { state, revision } = await this.aggregates.load(streamId, organisationDecider);
      const { report, events } = planRosterImport(state, table, today);
      if (dryRun || report.refused.length > 0 || events.length === 0) return { written: false, dryRun, revision, report };
      try {
        // One append at the revision the plan was made on: the whole roster or nothing.
        const append = await this.store.append(streamId, events, {
          expectedRevision: revision,
          metadata: { actor, reason: `roster import from ${file.originalname ?? 'an uploaded file'} (${report.rows} rows)` },
        });
        return { written: true, revision: append.nextRevision, report };
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}
