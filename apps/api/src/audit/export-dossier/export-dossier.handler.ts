import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { collectDossier, dossierFileName, dossierXlsx, unitScope } from '@campaign-ledger/audit';
import type { Clock, EventStore } from '@campaign-ledger/event-store';
import { CampaignUnits } from '../../auth/campaign-units';
import { officeToday } from '../../infrastructure/office-today';
import { CLOCK, EVENT_STORE } from '../../infrastructure/tokens';
import { ExportDossierQuery, type DossierFile } from './export-dossier.query';

/**
 * Replays the log once per export, as `ledger export --dossier` does: the figures are the live queries' over exactly the
 * events the digest in the 概况 sheet names (the campaign's unit's part of the log), whatever the projector has reached meanwhile.
 */
@QueryHandler(ExportDossierQuery)
export class ExportDossierHandler implements IQueryHandler<ExportDossierQuery, DossierFile> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly campaigns: CampaignUnits,
  ) {}

  async execute({ campaignId, asOf }: ExportDossierQuery): Promise<DossierFile> {
    // The basis digest covers the campaign's unit, as that unit's auditors verify it (GET /api/audit/verify?against=).
    const unitId = await this.campaigns.unitOf(campaignId);
    const dossier = await collectDossier(this.store, campaignId, {
      asOf: asOf ?? officeToday(this.clock), now: this.clock.now(), ...(unitId ? { scope: unitScope(unitId) } : {}),
    });
    return { fileName: dossierFileName(dossier), content: await dossierXlsx(dossier), dossier };
  }
}
