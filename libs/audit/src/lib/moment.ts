// Moments the audit tools are asked about: an ISO instant, or an office day meaning the end of that day in the office's
// time zone (OFFICE_TIME_ZONE, through the office calendar the process was started with).
import { isIsoDate, type IsoDate } from '@campaign-ledger/domain';
import { officeCalendar } from '@campaign-ledger/office-time';
import { InvalidMomentError } from './errors';

export interface Moment {
  /** The instant itself. */
  readonly at: Date;
  /** The office day the instant falls on: the day figures are evaluated on (overdue, colours, half-year check). */
  readonly officeDate: IsoDate;
}

/** The office day an instant falls on. */
export const officeDateOf = (instant: Date): IsoDate => officeCalendar().dayOf(instant);

/** The last millisecond of an office day. */
export function endOfOfficeDay(date: IsoDate): Date {
  if (!isIsoDate(date)) throw new InvalidMomentError(`not a real calendar day: ${String(date)}`);
  return officeCalendar().endOfDay(date);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Reads a moment: `YYYY-MM-DD` is the end of that office day; an ISO date-time must say its time zone (`Z` or an offset
 * such as `+08:00`), since a bare local time would mean different instants on different machines.
 */
export function parseMoment(value: string | Date, name = 'at'): Moment {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new InvalidMomentError(`"${name}" is not a valid date`);
    return { at: value, officeDate: officeDateOf(value) };
  }
  const text = String(value ?? '').trim();
  if (text === '') throw new InvalidMomentError(`"${name}" is missing: give a day (YYYY-MM-DD) or an ISO instant (2024-03-07T10:00:00Z)`);
  if (DAY.test(text)) {
    if (!isIsoDate(text)) throw new InvalidMomentError(`"${name}" is not a real calendar day: ${text}`);
    return { at: endOfOfficeDay(text), officeDate: text };
  }
  const match = INSTANT.exec(text);
  const parsed = match ? Date.parse(text) : Number.NaN;
  if (!match || !isIsoDate(match[1]) || Number.isNaN(parsed)) {
    const office = officeCalendar();
    const example = new Date('2024-03-07T10:00:00Z');
    throw new InvalidMomentError(
      `"${name}" must be a day (YYYY-MM-DD, meaning the end of that office day, ${office.timeZone}) or an ISO instant with its time zone ` +
        `(2024-03-07T10:00:00Z or ${office.isoWithOffset(example)}), not "${text}"`,
    );
  }
  const at = new Date(parsed);
  return { at, officeDate: officeDateOf(at) };
}

/** The two ends of a range, in order. */
export function parseRange(from: string | Date, to: string | Date): { from: Moment; to: Moment } {
  const start = parseMoment(from, 'from');
  const end = parseMoment(to, 'to');
  if (start.at.getTime() > end.at.getTime()) {
    throw new InvalidMomentError(`"from" (${start.at.toISOString()}) is after "to" (${end.at.toISOString()}): swap them`);
  }
  return { from: start, to: end };
}
