// Request-level checks shared by the organisation DTOs: ids that are safe in stream ids, and real ISO dates.
import { applyDecorators } from '@nestjs/common';
import { isIsoDate } from '@campaign-ledger/domain';
import { IsString, Matches, MaxLength, registerDecorator, type ValidationOptions } from 'class-validator';

/** Ids end up inside stream ids (`branchWork-<campaign>:<branch>`), so no ":" , no spaces, no leading "$". */
export const ID_PATTERN = /^(?!\$)[^\s:]{1,64}$/;
export const ID_RULE = 'must be 1..64 characters, without spaces or ":", not starting with "$"';

export function IsEntityId(field: string): PropertyDecorator {
  return applyDecorators(IsString({ message: `${field} must be a text` }), Matches(ID_PATTERN, { message: `${field} ${ID_RULE}` }));
}

/** A non-blank text of at most `max` characters. */
export function IsText(field: string, max = 100): PropertyDecorator {
  return applyDecorators(
    IsString({ message: `${field} must be a text` }),
    Matches(/\S/, { message: `${field} must not be blank` }),
    MaxLength(max, { message: `${field} must be at most ${max} characters` }),
  );
}

/** A real calendar date written YYYY-MM-DD (2009-02-29 is refused). */
export function IsIsoDateString(options: ValidationOptions = {}): PropertyDecorator {
  return (object: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isIsoDateString',
      target: object.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a real date written YYYY-MM-DD (e.g. 2009-03-16)`, ...options },
      validator: { validate: (value: unknown) => isIsoDate(value) },
    });
  };
}
