import { DEFAULT_OFFICE_TIME_ZONE, isTimeZone, OfficeCalendar, officeCalendar, setOfficeTimeZone } from './office-calendar';

describe('OfficeCalendar', () => {
  describe('in the default zone (Asia/Shanghai, UTC+8 all year)', () => {
    const office = new OfficeCalendar();

    it('puts an instant on the office day it falls on there', () => {
      expect(office.timeZone).toBe(DEFAULT_OFFICE_TIME_ZONE);
      expect(office.dayOf(new Date('2009-03-31T15:59:59.999Z'))).toBe('2009-03-31');
      expect(office.dayOf(new Date('2009-03-31T16:00:00Z'))).toBe('2009-04-01');
      expect(office.today({ now: () => new Date('2009-12-31T16:00:00Z') })).toBe('2010-01-01');
    });

    it('begins and ends an office day at midnight office time', () => {
      expect(office.startOfDay('2009-03-20').toISOString()).toBe('2009-03-19T16:00:00.000Z');
      expect(office.endOfDay('2009-03-20').toISOString()).toBe('2009-03-20T15:59:59.999Z');
      expect(office.endOfDay('2024-02-29').toISOString()).toBe('2024-02-29T15:59:59.999Z');
      expect(office.endOfDay('2009-12-31').toISOString()).toBe('2009-12-31T15:59:59.999Z');
    });

    it('shows wall-clock times, offsets and a heading label', () => {
      const at = new Date('2009-03-20T10:00:00Z');
      expect(office.wallClock(at)).toBe('2009-03-20 18:00:00');
      expect(office.offsetMs(at)).toBe(8 * 3_600_000);
      expect(office.wallClockDate(at).toISOString()).toBe('2009-03-20T18:00:00.000Z');
      expect(office.isoWithOffset(at)).toBe('2009-03-20T18:00:00+08:00');
      expect(office.label).toBe('UTC+8');
    });

    it('refuses days that are not on the calendar', () => {
      expect(() => office.startOfDay('2009-02-29')).toThrow(RangeError);
      expect(() => office.endOfDay('2009-13-01')).toThrow(/not a real calendar day/);
      expect(() => office.startOfDay('yesterday')).toThrow(RangeError);
    });
  });

  describe('in another zone', () => {
    it('follows a zone west of Greenwich with daylight saving (America/New_York)', () => {
      const office = new OfficeCalendar('America/New_York');
      expect(office.dayOf(new Date('2024-03-10T04:59:59Z'))).toBe('2024-03-09');
      expect(office.dayOf(new Date('2024-03-10T05:00:00Z'))).toBe('2024-03-10');
      // Winter (UTC-5) and summer (UTC-4): the day begins at local midnight either way.
      expect(office.startOfDay('2024-01-15').toISOString()).toBe('2024-01-15T05:00:00.000Z');
      expect(office.startOfDay('2024-07-15').toISOString()).toBe('2024-07-15T04:00:00.000Z');
      // The day the clocks go forward has 23 hours.
      expect(office.endOfDay('2024-03-10').getTime() + 1 - office.startOfDay('2024-03-10').getTime()).toBe(23 * 3_600_000);
      expect(office.wallClock(new Date('2024-07-15T16:30:00Z'))).toBe('2024-07-15 12:30:00');
      expect(office.isoWithOffset(new Date('2024-01-15T05:00:00Z'))).toBe('2024-01-15T00:00:00-05:00');
      expect(office.label).toBe('America/New_York');
    });

    it('begins a day whose midnight is skipped at the clock change (America/Santiago, 2024-09-08)', () => {
      const office = new OfficeCalendar('America/Santiago');
      const start = office.startOfDay('2024-09-08');
      expect(office.dayOf(start)).toBe('2024-09-08');
      expect(office.wallClock(start)).toBe('2024-09-08 01:00:00');
      expect(office.dayOf(new Date(start.getTime() - 1))).toBe('2024-09-07');
    });

    it('handles offsets in half hours (Asia/Kolkata)', () => {
      const office = new OfficeCalendar('Asia/Kolkata');
      expect(office.startOfDay('2024-03-07').toISOString()).toBe('2024-03-06T18:30:00.000Z');
      expect(office.label).toBe('UTC+5:30');
    });
  });

  it('knows IANA zones and refuses anything else', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('+08:00')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(() => new OfficeCalendar('China')).toThrow(/not a time zone/);
  });

  it('keeps one calendar per process, set at start-up', () => {
    expect(officeCalendar().timeZone).toBe('Asia/Shanghai');
    try {
      expect(setOfficeTimeZone('Europe/Berlin').timeZone).toBe('Europe/Berlin');
      expect(officeCalendar().dayOf(new Date('2024-01-15T23:30:00Z'))).toBe('2024-01-16');
      expect(() => setOfficeTimeZone('Nowhere/Special')).toThrow(RangeError);
      expect(officeCalendar().timeZone).toBe('Europe/Berlin');
    } finally {
      setOfficeTimeZone(DEFAULT_OFFICE_TIME_ZONE);
    }
  });
});
