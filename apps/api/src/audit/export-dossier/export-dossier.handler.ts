import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { collectDossier, dossierFileName, dossierXlsx } from '@campaign-ledger/audit';
import { campaignStream } from '@campaign-ledger/domain';
import type { Clock, EventStore } from '@campaign-ledger/event-store';
import { assertSameUnit } from '../../campaigns/campaign-context';
import { officeToday } from '../../infrastructure/office-today';
import { CLOCK, EVENT_STORE } from '../../infrastructure/tokens';
import { ExportDossierQuery, type DossierFile } from './export-dossier.query';

/**
 * Replays the log once per export, as `ledger export --dossier` does: the figures are the live queries' over exactly the
 * events the digest in the 概况 sheet names, whatever the projector has reached meanwhile.
 */
@QueryHandler(ExportDossierQuery)
export class ExportDossierHandler implements IQueryHandler<ExportDossierQuery, DossierFile> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ campaignId, principal, asOf }: ExportDossierQuery): Promise<DossierFile> {
    // Refuse another unit's account before reading the whole log, from the plan's first event.
    const [planned] = principal.unitId ? await this.store.readStream(campaignStream(campaignId), { maxCount: 1 }) : [];
    if (planned) assertSameUnit(principal, (planned.data as { unitId: string }).unitId);
    const dossier = await collectDossier(this.store, campaignId, { asOf: asOf ?? officeToday(this.clock), now: this.clock.now() });
    assertSameUnit(principal, dossier.campaign.unitId);
    return { fileName: dossierFileName(dossier), content: await dossierXlsx(dossier), dossier };
  }
}
