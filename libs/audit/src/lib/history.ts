// The history of a campaign, a branch or a member: who did what, when, why, with which evidence, from the log itself.
import type { EvidenceRef, HistoryEntry, HistoryPage } from '@campaign-ledger/api-contract';
import { isIsoDate, withoutSecrets } from '@campaign-ledger/domain';
import { officeCalendar } from '@campaign-ledger/office-time';
import { formatPosition, type EventStore, type RecordedEvent } from '@campaign-ledger/event-store';
import { isAuditorReadsStream } from './auditor-reads';
import { AuditError } from './errors';
import { readLog } from './read-log';
import type { LogScope } from './verify-log';

export const MAX_HISTORY_PAGE_SIZE = 1000;

export interface HistoryFilter {
  /** Exact stream ids. An event matches the stream filter if it is in one of these or under one of the prefixes. */
  readonly streams?: readonly string[];
  readonly streamPrefixes?: readonly string[];
  /** Events about this member: data.memberId, data.subjectId, or a mark in data.attendance. */
  readonly memberId?: string;
  readonly types?: readonly string[];
  /** Inclusive; an ISO instant, or a calendar day (YYYY-MM-DD) meaning the start of that office day. */
  readonly from?: string | Date;
  /** Inclusive; an ISO instant, or a calendar day meaning the whole of that office day. */
  readonly to?: string | Date;
  /** Which time the range applies to (default occurredAt, the business time the event is about). */
  readonly timeField?: 'occurredAt' | 'recordedAt';
  /** Auditors' own read records are left out unless asked for. */
  readonly includeAuditorReads?: boolean;
  /** Only events of this part of the log (one unit's, for an account of that unit). */
  readonly scope?: LogScope;
  /** 1-based (default 1). */
  readonly page?: number;
  /** Default 50, at most 1000. */
  readonly pageSize?: number;
  /** `asc` (default): oldest first, in log order; `desc`: newest first, as people read a history. */
  readonly order?: 'asc' | 'desc';
}

// What a history page holds is the API's answer (GET /api/audit/history): declared once, in the contract.
export type { EvidenceRef, HistoryEntry, HistoryPage };

export class InvalidHistoryFilterError extends AuditError {
  readonly code = 'AUDIT.INVALID_HISTORY_FILTER';
  readonly kind = 'validation' as const;
}

interface CompiledFilter {
  matches(event: RecordedEvent): boolean;
}

/** Scans the log once and returns one page of matching events, oldest first. */
export async function history(store: EventStore, filter: HistoryFilter = {}): Promise<HistoryPage> {
  const page = filter.page ?? 1;
  const pageSize = filter.pageSize ?? 50;
  if (!Number.isInteger(page) || page < 1) throw new InvalidHistoryFilterError('page must be a whole number ≥ 1');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_HISTORY_PAGE_SIZE) {
    throw new InvalidHistoryFilterError(`page size must be 1..${MAX_HISTORY_PAGE_SIZE}`);
  }
  const compiled = compile(filter);
  const first = (page - 1) * pageSize;
  const items: HistoryEntry[] = [];
  // Newest first: the log is read once, keeping only the last page × pageSize matches (a ring), then read backwards.
  const newestFirst = filter.order === 'desc';
  const ring: RecordedEvent[] = [];
  const keep = page * pageSize;
  let total = 0;
  for await (const events of readLog(store)) {
    for (const event of events) {
      if (!compiled.matches(event)) continue;
      if (newestFirst) ring[total % keep] = event;
      else if (total >= first && items.length < pageSize) items.push(toEntry(event));
      total += 1;
    }
  }
  if (newestFirst) {
    for (let i = total - 1 - first; i >= 0 && i >= total - keep && items.length < pageSize; i -= 1) items.push(toEntry(ring[i % keep]));
  }
  return { items, page, pageSize, total, pages: Math.ceil(total / pageSize) };
}

function compile(filter: HistoryFilter): CompiledFilter {
  const streams = new Set(filter.streams ?? []);
  const prefixes = filter.streamPrefixes ?? [];
  const byStream = streams.size > 0 || prefixes.length > 0;
  const types = filter.types && filter.types.length > 0 ? new Set(filter.types) : null;
  const from = filter.from !== undefined ? instant(filter.from, 'from') : null;
  const to = filter.to !== undefined ? instant(filter.to, 'to') : null;
  if (from !== null && to !== null && from > to) throw new InvalidHistoryFilterError('"from" is after "to"');
  const timeField = filter.timeField ?? 'occurredAt';
  const memberId = filter.memberId;
  const scope = filter.scope;
  return {
    matches(event) {
      // First, and for every event: the scope learns the units of campaigns and accounts as the log goes by.
      if (scope && !scope.includes(event)) return false;
      if (!filter.includeAuditorReads && isAuditorReadsStream(event.streamId) && !streams.has(event.streamId)) return false;
      if (byStream && !streams.has(event.streamId) && !prefixes.some((prefix) => event.streamId.startsWith(prefix))) return false;
      if (types && !types.has(event.type)) return false;
      if (memberId !== undefined && !concernsMember(event.data, memberId)) return false;
      if (from !== null || to !== null) {
        const at = timeField === 'recordedAt' ? event.recordedAt.getTime() : Date.parse(event.metadata.occurredAt);
        if (from !== null && at < from) return false;
        if (to !== null && at > to) return false;
      }
      return true;
    },
  };
}

function concernsMember(data: unknown, memberId: string): boolean {
  if (data === null || typeof data !== 'object') return false;
  const record = data as Record<string, unknown>;
  if (record.memberId === memberId || record.subjectId === memberId) return true;
  // A study session names each member of the branch in its attendance sheet.
  const attendance = record.attendance;
  return attendance !== null && typeof attendance === 'object' && Object.prototype.hasOwnProperty.call(attendance, memberId);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Milliseconds since the epoch; a bare day is the first (from) or last (to) millisecond of that office day. */
function instant(value: string | Date, which: 'from' | 'to'): number {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new InvalidHistoryFilterError(`"${which}" is not a valid date`);
    return value.getTime();
  }
  const text = String(value).trim();
  if (DAY.test(text)) {
    // Calendar days in filters are office days (OFFICE_TIME_ZONE).
    if (!isIsoDate(text)) throw new InvalidHistoryFilterError(`"${which}" is not a real calendar day: ${text}`);
    const office = officeCalendar();
    return (which === 'from' ? office.startOfDay(text) : office.endOfDay(text)).getTime();
  }
  const parsed = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(parsed)) {
    throw new InvalidHistoryFilterError(`"${which}" must be a day (YYYY-MM-DD) or an ISO date-time, not "${text}"`);
  }
  return parsed;
}

function toEntry(event: RecordedEvent): HistoryEntry {
  const metadata = event.metadata;
  return {
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.id,
    position: formatPosition(event.logPosition),
    type: event.type,
    actor: { id: metadata.actor.id, role: metadata.actor.role },
    occurredAt: metadata.occurredAt,
    recordedAt: event.recordedAt.toISOString(),
    reason: metadata.reason ?? reasonInData(event.data),
    correlationId: metadata.correlationId,
    evidence: evidenceOf(event.data),
    // Stores written before credentials left the log hold password hashes in old account events: never shown.
    data: withoutSecrets(event.data),
    hash: event.hash,
  };
}

/** Several events carry their reason in the data (TaskReopened, MemberLeft, AccountDisabled...). */
function reasonInData(data: unknown): string | null {
  const reason = (data as { reason?: unknown } | null)?.reason;
  return typeof reason === 'string' && reason.length > 0 ? reason : null;
}

function evidenceOf(data: unknown): EvidenceRef[] {
  const evidence = (data as { evidence?: unknown } | null)?.evidence;
  if (!Array.isArray(evidence)) return [];
  return evidence
    .filter((file): file is { sha256: string; fileName?: unknown } => typeof file?.sha256 === 'string')
    .map((file) => ({ sha256: file.sha256, fileName: typeof file.fileName === 'string' ? file.fileName : null }));
}
