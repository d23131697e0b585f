// The dossier as one ZIP: the XLSX workbook (as GET .../dossier.xlsx answers it) and every evidence file its completed
// instances name, under 证据/<branch>/<task>/<file name>, read from the blob store the evidence download route reads.
import { Readable } from 'node:stream';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import JSZip from 'jszip';
import { type Dossier, type DossierInstance, evidenceOf } from '@campaign-ledger/audit';
import { branchWorkStream } from '@campaign-ledger/domain';
import type { EventStore } from '@campaign-ledger/event-store';
import type { BlobStore } from '@campaign-ledger/runtime';
import { BLOB_STORE, EVENT_STORE } from '@api/infrastructure/tokens';
import type { Principal } from '@api/auth/principal';
import { ExportDossierHandler, ExportDossierQuery } from '../export-dossier/export-dossier.handler';

/** One file of the archive: its path inside the ZIP and where its bytes come from. */
export interface DossierZipEntry {
  readonly path: string;
  /** The evidence file's SHA-256; null for the workbook and the list of missing files. */
  readonly sha256: string | null;
}

export interface DossierZip {
  /** The archive's name, e.g. 活动台账-<campaign>-<day>.zip. */
  readonly fileName: string;
  readonly dossier: Dossier;
  /** What the archive holds, in order; an evidence file missing from the store is listed in 缺失文件.txt instead. */
  readonly entries: readonly DossierZipEntry[];
  /** The ZIP's bytes, produced while they are read. */
  readonly stream: Readable;
}

export class ExportDossierZipQuery extends Query<DossierZip> {
  constructor(
    readonly campaignId: string,
    readonly principal: Principal,
    /** As for the workbook: the office day figures are evaluated on (default: today). */
    readonly asOf?: string,
  ) {
    super();
  }
}

export const EVIDENCE_FOLDER = '证据';
const MISSING_LIST = '缺失文件.txt';

/** A name usable as one path segment on every system that unpacks the archive. */
export const pathSegment = (name: string): string =>
  name
    .replace(/[/\\:*?"<>|]/g, '_')
    .replace(/\p{Cc}/gu, '_')
    .replace(/^\.+$/, '_')
    .trim()
    .slice(0, 120) || '_';

/** 证据/<branchId> <branch name>/<taskId> <title>[/<subject or week>]/ */
function folderOf(instance: DossierInstance): string {
  const parts = [EVIDENCE_FOLDER, pathSegment(`${instance.branchId} ${instance.branchName}`), pathSegment(`${instance.taskId} ${instance.title}`)];
  // Instances of one task for several members or weeks get a folder each.
  const detail = [instance.scope === 'branch' ? null : (instance.subjectName ?? instance.subjectId), instance.weekOf].filter(Boolean).join(' ');
  if (detail && instance.scope !== 'branch') parts.push(pathSegment(detail));
  return parts.join('/');
}

@QueryHandler(ExportDossierZipQuery)
export class ExportDossierZipHandler implements IQueryHandler<ExportDossierZipQuery, DossierZip> {
  constructor(
    private readonly dossiers: ExportDossierHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async execute({ campaignId, principal, asOf }: ExportDossierZipQuery): Promise<DossierZip> {
    const workbook = await this.dossiers.execute(new ExportDossierQuery(campaignId, principal, asOf));
    const dossier = workbook.dossier;
    const names = await this.fileNames(campaignId, [...new Set(dossier.instances.filter((i) => i.evidence.length > 0).map((i) => i.branchId))]);

    const zip = new JSZip();
    const date = dossier.exportedAt;
    zip.file(workbook.fileName, workbook.content, { date, binary: true });
    const entries: DossierZipEntry[] = [{ path: workbook.fileName, sha256: null }];
    const missing: string[] = [];
    const used = new Set([workbook.fileName]);
    for (const instance of dossier.instances) {
      if (instance.status !== 'completed' || instance.evidence.length === 0) continue;
      const folder = folderOf(instance);
      for (const sha256 of instance.evidence) {
        const name = pathSegment(names.get(`${instance.branchId} ${sha256}`) ?? sha256);
        let path = `${folder}/${name}`;
        for (let n = 2; used.has(path); n++) path = `${folder}/${name.replace(/(\.[^.]*)?$/, (ext) => ` (${n})${ext}`)}`;
        used.add(path);
        const content = await this.blobs.get(sha256);
        if (!content) {
          missing.push(`${path}\t${sha256}`);
          continue;
        }
        zip.file(path, content, { date, binary: true });
        entries.push({ path, sha256 });
      }
    }
    // A file the log names but the store lacks is listed, not silently left out.
    if (missing.length > 0) {
      zip.file(MISSING_LIST, `缺失的佐证材料（路径\tSHA-256）\n${missing.join('\n')}\n`, { date });
      entries.push({ path: MISSING_LIST, sha256: null });
    }
    // Stored, not compressed again: evidence is mostly images and PDFs; the ZIP is produced while it is sent.
    const stream = new Readable().wrap(zip.generateNodeStream({ type: 'nodebuffer', streamFiles: true, compression: 'STORE' }));
    return { fileName: workbook.fileName.replace(/\.xlsx$/, '.zip'), dossier, entries, stream };
  }

  /** `branchId sha256` → the file name the completion that named the file gave it. */
  private async fileNames(campaignId: string, branchIds: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const branchId of branchIds) {
      for (const event of await this.store.readStream(branchWorkStream(campaignId, branchId))) {
        for (const file of evidenceOf(event)) if (file.fileName) names.set(`${branchId} ${file.sha256}`, file.fileName);
      }
    }
    return names;
  }
}
