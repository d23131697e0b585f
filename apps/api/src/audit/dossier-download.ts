// How a dossier leaves the API, as a workbook or as a ZIP: the day it is taken on, and the attachment with the digest
// of the log it was built from.
import { StreamableFile } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { Response } from 'express';
import { isIsoDate } from '@campaign-ledger/domain';
import { RequestValidationError } from '@api/infrastructure/errors/request-validation.error';

/** The office day asked for (`asOf`), undefined for today; a value that is not a day is refused on its field. */
export function dossierDay(asOf: string | undefined): string | undefined {
  if (asOf !== undefined && asOf !== '' && !isIsoDate(asOf)) throw RequestValidationError.field('asOf', 'asOf must be a day written YYYY-MM-DD');
  return asOf || undefined;
}

export interface DossierFile {
  readonly campaignId: string;
  readonly dossier: { readonly asOf: string; readonly basis: { readonly digest: string } };
  /** The UTF-8 name the file is saved under, and the extension of its ASCII fallback. */
  readonly fileName: string;
  readonly extension: 'xlsx' | 'zip';
  readonly type: string;
  readonly body: Uint8Array | Readable;
}

/** The attachment: never cached, named in UTF-8 (with an ASCII fallback), X-Ledger-Digest naming the log. */
export function dossierAttachment(response: Response, file: DossierFile): StreamableFile {
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Ledger-Digest', file.dossier.basis.digest);
  const fallback = `dossier-${file.campaignId}-${file.dossier.asOf}.${file.extension}`.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const disposition = `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`;
  return file.body instanceof Uint8Array
    ? new StreamableFile(file.body, { type: file.type, length: file.body.length, disposition })
    : new StreamableFile(file.body, { type: file.type, disposition });
}
