// The per-stream hash chain, computed here so that every backend stores the same hashes.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EventMetadata } from './types';

export interface HashInput {
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly previousHash: string | null;
}

/** SHA-256 (hex) over the RFC 8785 canonical JSON of the event's identity, content and chain link. */
export function hashEvent(input: HashInput): string {
  const canonical = canonicalize({
    id: input.id,
    streamId: input.streamId,
    revision: input.revision,
    type: input.type,
    schemaVersion: input.schemaVersion,
    data: input.data,
    metadata: input.metadata,
    previousHash: input.previousHash,
  });
  if (canonical === undefined) throw new Error('event cannot be encoded canonically');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
