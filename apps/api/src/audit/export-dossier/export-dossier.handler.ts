import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { collectDossier, type Dossier, dossierFileName, dossierXlsx, unitScope } from '@campaign-ledger/audit';
import type { Clock, EventStore } from '@campaign-ledger/event-store';
import { CampaignUnits } from '@api/auth/campaign-units';
import { officeToday } from '@api/infrastructure/office-today';
import { CLOCK, EVENT_STORE } from '@api/infrastructure/tokens';
import type { Principal } from '@api/auth/principal';

export interface DossierFile {
  readonly fileName: string;
  readonly content: Buffer;
  readonly dossier: Dossier;
}

export class ExportDossierQuery extends Query<DossierFile> {
  constructor(
    readonly campaignId: string,
    readonly principal: Principal,
    /** The office day figures are evaluated on; an earlier day also leaves out what was recorded after it. Default: today. */
    readonly asOf?: string,
  ) {
    super();
  }
}

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
      asOf: asOf ?? officeToday(this.clock),
      now: this.clock.now(),
      ...(unitId ? { scope: unitScope(unitId) } : {}),
    });
    return { fileName: dossierFileName(dossier), content: await dossierXlsx(dossier), dossier };
  }
}
