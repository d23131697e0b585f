import type { LogPosition } from './types';

export function comparePositions(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** "commit/prepare", the form a consumer stores as its checkpoint. */
export function formatPosition(position: LogPosition): string {
  return `${position.commit}/${position.prepare}`;
}

export function parsePosition(text: string): LogPosition {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) throw new Error(`not a log position: "${text}" (expected "commit/prepare")`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}
