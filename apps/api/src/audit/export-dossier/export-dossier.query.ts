import { Query } from '@nestjs/cqrs';
import type { Dossier } from '@campaign-ledger/audit';
import type { Principal } from '../../auth/principal';

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
