// Calendar arithmetic on ISO dates ('YYYY-MM-DD'), done with integers only: no Date, no clock, no time zone.

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number): number => [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];

// Folds compare the same few hundred dates millions of times (rosters of thousands of members): remember which
// strings were already found to be real days. A pure memo of a pure function; bounded.
const KNOWN_DAYS = new Set<string>();
const KNOWN_DAYS_MAX = 20_000;

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  if (KNOWN_DAYS.has(value)) return true;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ok = m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
  if (ok) {
    if (KNOWN_DAYS.size >= KNOWN_DAYS_MAX) KNOWN_DAYS.clear();
    KNOWN_DAYS.add(value);
  }
  return ok;
}

function requireIsoDate(date: IsoDate): void {
  if (!isIsoDate(date)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${String(date)}`);
}

function parts(date: IsoDate): [number, number, number] {
  requireIsoDate(date);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
export function toDayNumber(date: IsoDate): number {
  const [y0, m, d] = parts(date);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(days: number): IsoDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export const addDays = (date: IsoDate, days: number): IsoDate => fromDayNumber(toDayNumber(date) + days);

/** `to - from` in days (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number => toDayNumber(to) - toDayNumber(from);

/** Real days written YYYY-MM-DD sort as text in calendar order: no arithmetic needed once both are checked. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  requireIsoDate(a);
  requireIsoDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}
export const isBefore = (a: IsoDate, b: IsoDate): boolean => compareDates(a, b) < 0;
export const isAfter = (a: IsoDate, b: IsoDate): boolean => compareDates(a, b) > 0;
export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (isBefore(a, b) ? a : b);
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (isAfter(a, b) ? a : b);

/** Inclusive on both ends. */
export const isWithin = (date: IsoDate, from: IsoDate, to: IsoDate): boolean => !isBefore(date, from) && !isAfter(date, to);

/** ISO day of week: Monday = 1 … Sunday = 7. */
export const dayOfWeek = (date: IsoDate): number => ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
export const isMonday = (date: IsoDate): boolean => dayOfWeek(date) === 1;
export const mondayOf = (date: IsoDate): IsoDate => addDays(date, 1 - dayOfWeek(date));

/** Monday of campaign week `week` (1-based) when week 1 starts on `start`. */
export const weekMonday = (start: IsoDate, week: number): IsoDate => addDays(start, (week - 1) * 7);
/** Sunday closing campaign week `week`. */
export const weekSunday = (start: IsoDate, week: number): IsoDate => addDays(start, (week - 1) * 7 + 6);
/** 1-based campaign week containing `date` (0 or negative before the start). */
export const weekNumberOf = (start: IsoDate, date: IsoDate): number => Math.floor(daysBetween(start, date) / 7) + 1;

/** Mondays of every week touching the inclusive range `from..to`. */
export function mondaysBetween(from: IsoDate, to: IsoDate): IsoDate[] {
  const result: IsoDate[] = [];
  for (let monday = mondayOf(from); !isAfter(monday, to); monday = addDays(monday, 7)) result.push(monday);
  return result;
}
