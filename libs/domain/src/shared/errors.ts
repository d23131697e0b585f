// Domain errors: a stable code, a kind the HTTP filter maps to a status, details, and bilingual messages that say what to fix.

export type DomainErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition'
  | 'too_large'
  | 'unprocessable'
  | 'precondition_required'
  | 'too_many'
  | 'unavailable';

/**
 * HTTP status for each kind: the one table the API's error filter uses. Every error raised on purpose — domain,
 * event store, audit, read models, the API's own — carries a `code` and one of these kinds; nothing else picks a status.
 */
export const DOMAIN_ERROR_HTTP_STATUS: Readonly<Record<DomainErrorKind, number>> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition: 412,
  too_large: 413,
  unprocessable: 422,
  precondition_required: 428,
  too_many: 429,
  unavailable: 503,
};

export type ErrorDetails = Readonly<Record<string, unknown>>;

/** What an answer says about an error: its code, kind, what to fix in both languages, details, and for a form the fields. */
export interface ErrorReport {
  readonly code: string;
  readonly kind: DomainErrorKind;
  readonly message: string;
  readonly messageZh?: string;
  readonly details?: ErrorDetails;
  readonly fieldErrors?: readonly { readonly field: string; readonly messages: readonly string[] }[];
  /** Further members of the answer, beside the standard ones (a refused import's `report`). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/**
 * An error raised on purpose by any layer: a stable `code` and a `kind` from the table above (libraries that do not
 * depend on the domain declare the same two fields). `toJSON` may give the words shown to people when they differ
 * from the message written for the log.
 */
export interface CodedError extends Error {
  readonly code: string;
  readonly kind: DomainErrorKind;
  readonly messageZh?: string;
  readonly details?: ErrorDetails;
  toJSON?(): Partial<ErrorReport>;
}

export const isCodedError = (error: unknown): error is CodedError =>
  error instanceof Error &&
  typeof (error as Partial<CodedError>).code === 'string' &&
  Object.prototype.hasOwnProperty.call(DOMAIN_ERROR_HTTP_STATUS, String((error as Partial<CodedError>).kind));

/** The report of a coded error: its own `toJSON` words where it has them, its fields otherwise. */
export function reportOf(error: CodedError): ErrorReport {
  const own = typeof error.toJSON === 'function' ? error.toJSON() : {};
  return {
    code: error.code,
    kind: error.kind,
    message: own.message ?? error.message,
    ...((own.messageZh ?? error.messageZh) ? { messageZh: own.messageZh ?? error.messageZh } : {}),
    ...((own.details ?? error.details) ? { details: own.details ?? error.details } : {}),
    ...(own.fieldErrors ? { fieldErrors: own.fieldErrors } : {}),
    ...(own.extra ? { extra: own.extra } : {}),
  };
}

interface DomainErrorClass {
  readonly code: string;
  readonly kind: DomainErrorKind;
}

/**
 * Base of every domain error. Subclasses declare `static code` and `static kind` and build instances
 * only through named constructors (`TaskAlreadyCompleted.because(...)`).
 */
export abstract class DomainError extends Error {
  readonly code: string;
  readonly kind: DomainErrorKind;
  readonly messageZh: string;
  readonly details: ErrorDetails;

  protected constructor(message: string, messageZh: string, details: ErrorDetails = {}) {
    super(message);
    const type = new.target as unknown as DomainErrorClass & { name: string };
    this.name = type.name;
    this.code = type.code;
    this.kind = type.kind;
    this.messageZh = messageZh;
    this.details = details;
  }

  toJSON(): { code: string; kind: DomainErrorKind; message: string; messageZh: string; details: ErrorDetails } {
    return { code: this.code, kind: this.kind, message: this.message, messageZh: this.messageZh, details: this.details };
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;

/** A command field is missing or malformed. */
export class InvalidCommand extends DomainError {
  static readonly code = 'COMMAND.INVALID';
  static readonly kind: DomainErrorKind = 'validation';
  static field(path: string, problem: string, problemZh: string = problem): InvalidCommand {
    return new InvalidCommand(`${path}: ${problem}. Correct this field and send the command again.`, `${path}：${problemZh}。请更正该字段后重新提交。`, {
      path,
      problem,
    });
  }
}

/** A change to history needs a reason the auditor can read. */
export class ReasonRequired extends DomainError {
  static readonly code = 'COMMAND.REASON_REQUIRED';
  static readonly kind: DomainErrorKind = 'validation';
  static for(action: string): ReasonRequired {
    return new ReasonRequired(`A reason is required to ${action}. Say why in the "reason" field.`, `${action}必须填写原因，请在“原因”中说明。`, { action });
  }
}

/** A stream id part is empty or would make the stream id ambiguous. */
export class InvalidStreamId extends DomainError {
  static readonly code = 'STREAM.INVALID_ID';
  static readonly kind: DomainErrorKind = 'validation';
  static because(part: string, value: string): InvalidStreamId {
    return new InvalidStreamId(
      `The ${part} "${value}" cannot be used in a stream id: use a non-empty id without ":" that does not start with "$".`,
      `${part}“${value}”不能用于事件流标识：请使用不含“:”、不以“$”开头的非空标识。`,
      { part, value },
    );
  }
}

/** Two dates of one story are in the wrong order (e.g. a stage opened before the previous one closed). */
export class DateOutOfOrder extends DomainError {
  static readonly code = 'DATE.OUT_OF_ORDER';
  static readonly kind: DomainErrorKind = 'validation';
  static mustNotBeBefore(field: string, date: string, earliest: string, what: string): DateOutOfOrder {
    return new DateOutOfOrder(
      `${field} ${date} is before ${what} (${earliest}); use a date on or after ${earliest}.`,
      `${field} ${date} 早于${what}（${earliest}），请使用 ${earliest} 或之后的日期。`,
      { field, date, earliest, what },
    );
  }
}
