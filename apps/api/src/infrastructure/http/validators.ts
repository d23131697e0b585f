// class-validator rules shared by the request DTOs of every module.
import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '@campaign-ledger/domain';

/** A real calendar date written YYYY-MM-DD (2009-02-30 is refused). */
export const IsCalendarDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => isIsoDate(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a calendar date written YYYY-MM-DD`, options),
      },
    },
    options,
  );
