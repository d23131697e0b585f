// Evidence files, kept by their SHA-256 on the local disk (content-addressed: the same file is stored once).
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface StoredBlob {
  readonly sha256: string;
  readonly size: number;
}

export interface BlobStore {
  put(content: Buffer): Promise<StoredBlob>;
  get(sha256: string): Promise<Buffer | null>;
}

export class LocalBlobStore implements BlobStore {
  constructor(private readonly directory: string) {}

  private pathOf(sha256: string) {
    return join(this.directory, sha256.slice(0, 2), sha256);
  }

  async put(content: Buffer): Promise<StoredBlob> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    const path = this.pathOf(sha256);
    const exists = await stat(path).then(() => true, () => false);
    if (!exists) {
      await mkdir(join(this.directory, sha256.slice(0, 2)), { recursive: true });
      // Write then rename, so that a crash never leaves a half-written file under the final name.
      const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temporary, content);
      await rename(temporary, path);
    }
    return { sha256, size: content.length };
  }

  async get(sha256: string): Promise<Buffer | null> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
    return readFile(this.pathOf(sha256)).catch(() => null);
  }
}

export class InMemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Buffer>();

  async put(content: Buffer): Promise<StoredBlob> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    this.blobs.set(sha256, Buffer.from(content));
    return { sha256, size: content.length };
  }

  async get(sha256: string): Promise<Buffer | null> {
    return this.blobs.get(sha256) ?? null;
  }
}
