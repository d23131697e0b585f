// Auditing the event log: chain verification, digests, NDJSON export/import, history, state as of a moment, diffs. No framework here.
export * from './lib/errors';
export { readLog, DEFAULT_PAGE_SIZE, type ReadLogOptions } from './lib/read-log';
export * from './lib/verify-log';
export * from './lib/digest';
export * from './lib/evidence';
export * from './lib/ndjson';
export * from './lib/restore-target';
export * from './lib/history';
export * from './lib/auditor-reads';
export * from './lib/moment';
export * from './lib/as-of';
export * from './lib/diff';
export * from './lib/dossier';
export * from './lib/dossier-xlsx';
export * from './lib/unit-scope';
