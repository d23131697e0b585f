// Campaign dates are calendar days where the office is, not in UTC: one place turns instants into office days and back.

/** A calendar day, `YYYY-MM-DD` (the domain's IsoDate). */
export type OfficeDay = string;

export const DEFAULT_OFFICE_TIME_ZONE = 'Asia/Shanghai';

const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An IANA time zone name this runtime knows (`Asia/Shanghai`, `Europe/Berlin`, `UTC`); not a bare offset. */
export function isTimeZone(name: string): boolean {
  if (name.trim() === '' || /^[+-]/.test(name.trim())) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function civil(day: OfficeDay): { year: number; month: number; date: number } {
  const match = DAY.exec(day);
  if (match) {
    const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const utc = new Date(Date.UTC(year, month - 1, date));
    if (utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === date) return { year, month, date };
  }
  throw new RangeError(`not a real calendar day (YYYY-MM-DD): ${String(day)}`);
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** The office days and wall-clock times of one time zone. */
export class OfficeCalendar {
  private readonly dayFormat: Intl.DateTimeFormat;
  private readonly wallFormat: Intl.DateTimeFormat;
  private readonly partsFormat: Intl.DateTimeFormat;

  constructor(readonly timeZone: string = DEFAULT_OFFICE_TIME_ZONE) {
    if (!isTimeZone(timeZone)) throw new RangeError(`not a time zone this runtime knows: "${timeZone}" (an IANA name such as Asia/Shanghai)`);
    this.dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    this.wallFormat = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    this.partsFormat = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** The office day an instant falls on. */
  dayOf(instant: Date): OfficeDay {
    return this.dayFormat.format(instant);
  }

  /** Today in the office, by the given clock. */
  today(clock: { now(): Date }): OfficeDay {
    return this.dayOf(clock.now());
  }

  /** The first millisecond of an office day. Throws a RangeError for anything but a real calendar day. */
  startOfDay(day: OfficeDay): Date {
    const { year, month, date } = civil(day);
    const midnight = Date.UTC(year, month - 1, date);
    // Midnight at each offset in force around that day; where midnight is skipped (a clock change at 00:00), the day
    // begins at the change: the earliest instant that already falls on it.
    const offsets = new Set([midnight - DAY_MS, midnight, midnight + DAY_MS].map((t) => this.offsetMs(new Date(t))));
    const candidates = [...offsets].map((offset) => ({ at: midnight - offset, offset }));
    const exact = candidates.filter((c) => this.offsetMs(new Date(c.at)) === c.offset).map((c) => c.at);
    const onTheDay = candidates.filter((c) => this.dayOf(new Date(c.at)) === day).map((c) => c.at);
    const found = exact.length > 0 ? exact : onTheDay;
    if (found.length === 0) throw new RangeError(`${day} has no start in ${this.timeZone}`);
    return new Date(Math.min(...found));
  }

  /** The last millisecond of an office day. */
  endOfDay(day: OfficeDay): Date {
    const { year, month, date } = civil(day);
    const next = new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
    return new Date(this.startOfDay(next).getTime() - 1);
  }

  /** How far the office's wall clock is ahead of UTC at an instant (negative west of Greenwich), in milliseconds. */
  offsetMs(instant: Date): number {
    const parts: Record<string, number> = {};
    for (const part of this.partsFormat.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    return wall - Math.floor(instant.getTime() / 1000) * 1000;
  }

  /** The office's wall-clock time at an instant: `2009-03-20 18:00:00`. */
  wallClock(instant: Date): string {
    return this.wallFormat.format(instant);
  }

  /** The office's wall-clock time as a zone-less date-time (what a spreadsheet cell shows). */
  wallClockDate(instant: Date): Date {
    return new Date(instant.getTime() + this.offsetMs(instant));
  }

  /** An instant written with the office's offset: `2024-03-07T18:00:00+08:00`. */
  isoWithOffset(instant: Date): string {
    const offset = this.offsetMs(instant);
    const local = new Date(instant.getTime() + offset).toISOString().slice(0, 19);
    const minutes = Math.abs(offset) / 60_000;
    return `${local}${offset < 0 ? '-' : '+'}${twoDigits(Math.floor(minutes / 60))}:${twoDigits(minutes % 60)}`;
  }

  /** For column headings: `UTC+8` where the zone keeps one offset all year (as China does), else the zone's name. */
  get label(): string {
    const winter = this.offsetMs(new Date(Date.UTC(2024, 0, 15)));
    if (winter !== this.offsetMs(new Date(Date.UTC(2024, 6, 15)))) return this.timeZone;
    if (winter === 0) return 'UTC';
    const minutes = Math.abs(winter) / 60_000;
    return `UTC${winter < 0 ? '-' : '+'}${Math.floor(minutes / 60)}${minutes % 60 ? `:${twoDigits(minutes % 60)}` : ''}`;
  }
}

// One office per process: the API and the CLI set it from OFFICE_TIME_ZONE at start-up, before anything asks for a day.
let office = new OfficeCalendar(DEFAULT_OFFICE_TIME_ZONE);

/** The calendar of this process's office (Asia/Shanghai until start-up sets the configured zone). */
export function officeCalendar(): OfficeCalendar {
  return office;
}

/** Called once at start-up with the configured OFFICE_TIME_ZONE. */
export function setOfficeTimeZone(timeZone: string): OfficeCalendar {
  if (office.timeZone !== timeZone) office = new OfficeCalendar(timeZone);
  return office;
}
