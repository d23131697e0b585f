import { Command } from '@nestjs/cqrs';
import type { Actor } from '@campaign-ledger/event-store';
import type { UploadedRosterFile } from './roster-file.parser';
import type { RosterImportReport } from './roster-import.plan';

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
