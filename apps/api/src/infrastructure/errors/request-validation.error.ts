// A request whose fields do not say what the use case needs: 400 with one entry per field, raised by the validation
// pipe (class-validator) and by handlers that find a field unusable only once they look it up.
import type { ValidationError } from '@nestjs/common';
import type { FieldError } from '@campaign-ledger/api-contract';
import { DomainError, type DomainErrorKind } from '@campaign-ledger/domain';

export type { FieldError };

export class RequestValidationError extends DomainError {
  static readonly code = 'REQUEST.INVALID';
  static readonly kind: DomainErrorKind = 'validation';

  constructor(readonly fieldErrors: readonly FieldError[]) {
    super(
      `fix these fields: ${fieldErrors.map((e) => `${e.field} (${e.messages.join('; ')})`).join(', ')}`,
      `请更正以下字段：${fieldErrors.map((e) => e.field).join('、')}`,
    );
  }

  static field(field: string, message: string): RequestValidationError {
    return new RequestValidationError([{ field, messages: [message] }]);
  }

  override toJSON() {
    return { ...super.toJSON(), fieldErrors: this.fieldErrors };
  }
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}
