// Who may download an evidence file: any signed-in reader but a secretary may fetch a stored file by its hash;
// a secretary only through a branch they may read (their own) whose work references that hash.
import { BadRequestException, ForbiddenException, Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { branchWorkStream, type EvidenceFile } from '@campaign-ledger/domain';
import type { EventStore } from '@campaign-ledger/event-store';
import { assertCanReadBranch } from '../../auth/policy';
import type { BlobStore } from '../../infrastructure/blob-store';
import { BLOB_STORE, EVENT_STORE } from '../../infrastructure/tokens';
import { foldBranchWorkView } from '../get-branch-work/branch-work.view';
import { DownloadEvidenceQuery, type EvidenceDownload } from './download-evidence.query';

@QueryHandler(DownloadEvidenceQuery)
export class DownloadEvidenceHandler implements IQueryHandler<DownloadEvidenceQuery, EvidenceDownload> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async execute({ principal, sha256, via }: DownloadEvidenceQuery): Promise<EvidenceDownload> {
    const branchId = via.branchId ?? (principal.role === 'secretary' ? principal.branchId ?? undefined : undefined);
    let reference: EvidenceFile | null = null;
    if (principal.role === 'secretary' && !via.campaignId) {
      throw new ForbiddenException("a secretary downloads evidence through their branch's work: add ?campaignId=<campaign> to the address");
    }
    if (via.campaignId || branchId) {
      if (!via.campaignId || !branchId) throw new BadRequestException('give both campaignId and branchId, or neither');
      assertCanReadBranch(principal, branchId);
      reference = await this.referenceIn(via.campaignId, branchId, sha256);
      if (!reference) throw new NotFoundException(`the work of branch ${branchId} in campaign ${via.campaignId} references no evidence file ${sha256}`);
    }
    const content = await this.blobs.get(sha256);
    if (!content) throw new NotFoundException(`no evidence file ${sha256} is stored`);
    return { sha256, content, fileName: reference?.fileName ?? null, contentType: reference?.contentType ?? 'application/octet-stream' };
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
