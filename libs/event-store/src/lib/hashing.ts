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

/** RFC 8785 canonical JSON of a value (sorted keys, ECMAScript number and string forms). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value cannot be encoded canonically');
  return text;
}

/**
 * The canonical JSON of the whole envelope, assembled from the already-canonical data and metadata: the same text
 * as `canonicalJson({ data, id, metadata, previousHash, revision, schemaVersion, streamId, type })`, with the keys in
 * RFC 8785 order, without re-encoding the two large parts (an append canonicalises metadata once for its batch).
 */
export function canonicalEnvelope(input: Omit<HashInput, 'data' | 'metadata'>, canonicalData: string, canonicalMetadata: string): string {
  return `{"data":${canonicalData},"id":${JSON.stringify(input.id)},"metadata":${canonicalMetadata},"previousHash":${
    input.previousHash === null ? 'null' : JSON.stringify(input.previousHash)
  },"revision":${canonicalJson(input.revision)},"schemaVersion":${canonicalJson(input.schemaVersion)},"streamId":${JSON.stringify(
    input.streamId,
  )},"type":${JSON.stringify(input.type)}}`;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** SHA-256 (hex) over the RFC 8785 canonical JSON of the event's identity, content and chain link. */
export function hashEvent(input: HashInput): string {
  return sha256Hex(canonicalEnvelope(input, canonicalJson(input.data ?? null), canonicalJson(input.metadata)));
}
