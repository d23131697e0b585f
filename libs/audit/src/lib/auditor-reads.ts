// The record of what auditors read: one stream per auditor account, one event per read.

export const AUDITOR_READ_EVENT = 'AuditorRead';
export const AUDITOR_READS_STREAM_PREFIX = 'audit-reads-';

export interface AuditorReadData {
  readonly path: string;
  readonly query: Record<string, unknown>;
  readonly at: string;
  /** Set for a HEAD request (headers only); a GET leaves it out. */
  readonly method?: 'HEAD';
}

export const auditorReadsStream = (accountId: string): string => `${AUDITOR_READS_STREAM_PREFIX}${accountId}`;

export const isAuditorReadsStream = (streamId: string): boolean => streamId.startsWith(AUDITOR_READS_STREAM_PREFIX);
