import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../auth/principal';

export interface EvidenceDownload {
  readonly sha256: string;
  readonly content: Buffer;
  /** Known when the file was looked up through a branch's work that references it. */
  readonly fileName: string | null;
  readonly contentType: string;
}

export class DownloadEvidenceQuery extends Query<EvidenceDownload> {
  constructor(
    readonly principal: Principal,
    readonly sha256: string,
    /** The branch work through which the file is read; a secretary must name the campaign (their branch is the default). */
    readonly via: { readonly campaignId?: string; readonly branchId?: string },
  ) {
    super();
  }
}
