// An evidence file is read through the branch work that references it: the campaign (within the principal's unit,
// checked by the UnitScopeGuard) and the branch (a secretary's own). A hash alone opens nothing, so that no one can
// fetch another unit's file by knowing or guessing its hash.
import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { branchWorkStream, type EvidenceFile, InvalidCommand } from '@campaign-ledger/domain';
import type { EventStore } from '@campaign-ledger/event-store';
import type { BlobStore } from '@campaign-ledger/runtime';
import { NotFoundForYou } from '@api/auth/access-policy';
import { BLOB_STORE, EVENT_STORE } from '@api/infrastructure/tokens';
import { foldBranchWorkView } from '../get-branch-work/branch-work.view';
import type { Principal } from '@api/auth/principal';

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

@QueryHandler(DownloadEvidenceQuery)
export class DownloadEvidenceHandler implements IQueryHandler<DownloadEvidenceQuery, EvidenceDownload> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async execute({ principal, sha256, via }: DownloadEvidenceQuery): Promise<EvidenceDownload> {
    const branchId = via.branchId ?? (principal.role === 'secretary' ? (principal.branchId ?? undefined) : undefined);
    if (!via.campaignId || !branchId) {
      throw InvalidCommand.field(
        'campaignId',
        'name the branch work that references the file: ?campaignId=<campaign>&branchId=<branch>',
        '请通过引用该文件的支部工作下载：?campaignId=<活动>&branchId=<支部>',
      );
    }
    const reference = await this.referenceIn(via.campaignId, branchId, sha256);
    if (!reference) throw NotFoundForYou.thing('evidence file', '佐证材料', sha256);
    const content = await this.blobs.get(sha256);
    if (!content) throw NotFoundForYou.thing('evidence file', '佐证材料', sha256);
    return { sha256, content, fileName: reference.fileName, contentType: reference.contentType ?? 'application/octet-stream' };
  }

  private async referenceIn(campaignId: string, branchId: string, sha256: string): Promise<EvidenceFile | null> {
    const view = foldBranchWorkView(campaignId, branchId, await this.store.readStream(branchWorkStream(campaignId, branchId)));
    for (const instance of view.instances) {
      for (const entry of instance.history) {
        const file = entry.kind === 'completed' ? entry.evidence.find((f) => f.sha256 === sha256) : undefined;
        if (file) return file;
      }
    }
    return null;
  }
}
