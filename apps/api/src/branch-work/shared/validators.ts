// class-validator rules for the branch-work request bodies, in the domain's own terms.
import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { ATTENDANCE_MARKS } from '@campaign-ledger/domain';

const MEMBER_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** `{ memberId: 'present' | 'leave' | 'absent' }`, at most 2,000 members. */
export const IsAttendanceSheet = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isAttendanceSheet',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= 2000 &&
          Object.entries(value).every(([memberId, mark]) => MEMBER_ID.test(memberId) && (ATTENDANCE_MARKS as readonly unknown[]).includes(mark)),
        defaultMessage: buildMessage(
          () => `$property must map each member id to one of: ${ATTENDANCE_MARKS.join(', ')} (e.g. {"M1":"present","M2":"leave"})`,
          options,
        ),
      },
    },
    options,
  );

export const ID_PATTERN = MEMBER_ID;
