// Errors the audit tools raise on purpose: each has a stable code, a kind of the domain's error table and a message
// that says what to do. The API's filter answers them like every other error.
import type { DomainErrorKind } from '@campaign-ledger/domain';

export abstract class AuditError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;
}

/** The digest text is not of the form `v2:<scope>:<events>:<sha256>` (or the older `v1:<commit>/<prepare>:<sha256>`). */
export class InvalidDigestError extends AuditError {
  readonly code = 'AUDIT.INVALID_DIGEST';
  readonly kind = 'validation' as const;
  readonly messageZh = '这不是有效的台账摘要：请粘贴完整的摘要（v2:范围:事件数:根哈希）';
  static because(text: string, why: string): InvalidDigestError {
    return new InvalidDigestError(
      `not a ledger digest: "${text}" (${why}; expected v2:<scope>:<events>:<64 hex digits>, or an older v1:<commit>/<prepare>:<64 hex digits>)`,
    );
  }
}

/** A digest was checked against another scope than the one it was taken for, or a scope label is unusable. */
export class DigestScopeError extends AuditError {
  readonly code = 'AUDIT.DIGEST_SCOPE';
  readonly kind = 'validation' as const;
  readonly messageZh = '该摘要属于另一范围（单位），不能用您的范围核验：请使用本单位的摘要';
}

/** The manifest does not belong to the digest it is checked with, or is not a manifest at all. */
export class InvalidManifestError extends AuditError {
  readonly code = 'AUDIT.INVALID_MANIFEST';
  readonly kind = 'validation' as const;
}

/** An import was pointed at a store that already holds events. */
export class StoreNotEmptyError extends AuditError {
  readonly code = 'AUDIT.STORE_NOT_EMPTY';
  readonly kind = 'conflict' as const;
  static holding(count: number | null): StoreNotEmptyError {
    const what = count === null ? 'events' : `${count} event${count === 1 ? '' : 's'}`;
    return new StoreNotEmptyError(`the target event store already holds ${what}; import only into an empty store (a fresh database or DATA_DIR)`);
  }
}

/** A line of an NDJSON export cannot be imported as it is; `line` is 1-based. */
export class ImportLineError extends AuditError {
  readonly code = 'AUDIT.IMPORT_LINE';
  readonly kind = 'validation' as const;
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'ImportLineError';
  }
}

/** The export file as a whole is unusable (no header, truncated, counts or root differ from its trailer). */
export class ImportFileError extends AuditError {
  readonly code = 'AUDIT.IMPORT_FILE';
  readonly kind = 'validation' as const;
}

/** The backend has no way to write already-sealed events. */
export class RestoreNotSupportedError extends AuditError {
  readonly code = 'AUDIT.RESTORE_NOT_SUPPORTED';
  readonly kind = 'validation' as const;
}

/** A moment ("at", "from", "to") is neither an office day nor an ISO instant with a time zone, or the range is reversed. */
export class InvalidMomentError extends AuditError {
  readonly code = 'AUDIT.INVALID_MOMENT';
  readonly kind = 'validation' as const;
}

/** No event of the log names this campaign. */
export class CampaignNotInLogError extends AuditError {
  readonly code = 'AUDIT.CAMPAIGN_NOT_FOUND';
  readonly kind = 'not_found' as const;
  static withId(campaignId: string): CampaignNotInLogError {
    return new CampaignNotInLogError(`there is no campaign ${campaignId} in the log: check the campaign id`);
  }
}

/** The campaign exists, but was planned after the moment asked about. */
export class CampaignNotYetPlannedError extends AuditError {
  readonly code = 'AUDIT.CAMPAIGN_NOT_YET_PLANNED';
  readonly kind = 'not_found' as const;
  static at(campaignId: string, moment: string, plannedAt: string | null): CampaignNotYetPlannedError {
    const when = plannedAt ? `it was planned at ${plannedAt}` : 'it was planned later';
    return new CampaignNotYetPlannedError(`campaign ${campaignId} did not exist yet at ${moment}: ${when}; ask for a moment after that`);
  }
}
