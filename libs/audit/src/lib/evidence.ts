// Evidence files as the log names them (`data.evidence`: {fileName, sha256, size, contentType} on completions), and the
// two sides of a file store the backup reads from and restores into. The runtime library's BlobStore is both.
import { createHash } from 'node:crypto';
import type { RecordedEvent } from '@campaign-ledger/event-store';

export interface BlobSource {
  get(sha256: string): Promise<Buffer | null>;
}

export interface BlobSink {
  has(sha256: string): Promise<boolean>;
  put(content: Buffer): Promise<{ readonly sha256: string; readonly size: number }>;
}

/** An evidence file as the first event that names it does. */
export interface EvidenceReference {
  readonly sha256: string;
  readonly fileName: string | null;
  readonly size: number | null;
  readonly streamId: string;
  readonly revision: number;
}

export const sha256Of = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

export const isSha256 = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);

/** The evidence files an event names, whatever its type: entries of `data.evidence` with a SHA-256. */
export function evidenceOf(event: Pick<RecordedEvent, 'data'>): { sha256: string; fileName: string | null; size: number | null }[] {
  const evidence = typeof event.data === 'object' && event.data !== null ? (event.data as { evidence?: unknown }).evidence : undefined;
  if (!Array.isArray(evidence)) return [];
  const files: { sha256: string; fileName: string | null; size: number | null }[] = [];
  for (const entry of evidence) {
    const file = (typeof entry === 'object' && entry !== null ? entry : {}) as { sha256?: unknown; fileName?: unknown; size?: unknown };
    if (!isSha256(file.sha256)) continue;
    files.push({
      sha256: file.sha256,
      fileName: typeof file.fileName === 'string' ? file.fileName : null,
      size: Number.isInteger(file.size) ? (file.size as number) : null,
    });
  }
  return files;
}

/** Every evidence file the events fed to it name, once each, in the order first named. */
export class EvidenceIndex {
  private readonly first = new Map<string, EvidenceReference>();
  private readonly names = new Map<string, Set<string>>();

  add(event: Pick<RecordedEvent, 'data' | 'streamId' | 'revision'>): void {
    for (const file of evidenceOf(event)) {
      if (!this.first.has(file.sha256)) this.first.set(file.sha256, { ...file, streamId: event.streamId, revision: event.revision });
      if (file.fileName !== null) {
        let names = this.names.get(file.sha256);
        if (!names) this.names.set(file.sha256, (names = new Set()));
        names.add(file.fileName);
      }
    }
  }

  get size(): number {
    return this.first.size;
  }

  references(): EvidenceReference[] {
    return [...this.first.values()];
  }

  /** How to name a file to a person: its file name(s) and hash. */
  describe(sha256: string): string {
    const names = [...(this.names.get(sha256) ?? [])];
    return names.length > 0 ? `${names.join(' / ')} (sha256 ${sha256})` : `sha256 ${sha256}`;
  }
}

/** One line per file for a warning: name, hash, and the event that names it. */
export function describeReference(reference: EvidenceReference): string {
  const name = reference.fileName ?? 'unnamed file';
  return `${name} (sha256 ${reference.sha256}) named by ${reference.streamId}@${reference.revision}`;
}
