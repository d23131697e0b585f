import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { RecordStudySessionDto } from '../record-study-session/record-study-session.dto';
import { officeToday } from '@api/infrastructure/office-today';

const errorsOf = (body: object) =>
  validateSync(plainToInstance(RecordStudySessionDto, body))
    .map((e) => e.property)
    .sort();

describe('branch-work request rules', () => {
  it('accepts a real calendar date and an attendance sheet of known marks', () => {
    expect(errorsOf({ date: '2009-02-28', topic: 't', attendance: { M1: 'present', M2: 'leave', M3: 'absent' } })).toEqual([]);
  });
  it('refuses impossible dates, other formats, unknown marks and non-object sheets', () => {
    expect(errorsOf({ date: '2009-02-29', topic: 't', attendance: {} })).toEqual(['date']);
    expect(errorsOf({ date: '2009-4-1', topic: 't', attendance: {} })).toEqual(['date']);
    expect(errorsOf({ date: '2009-04-01', topic: 't', attendance: { M1: 'late' } })).toEqual(['attendance']);
    expect(errorsOf({ date: '2009-04-01', topic: 't', attendance: ['M1'] })).toEqual(['attendance']);
    expect(errorsOf({ date: '2009-04-01', topic: 't', attendance: { 'bad id': 'present' } })).toEqual(['attendance']);
  });
  it('takes "today" as the calendar day in China (UTC+8)', () => {
    expect(officeToday({ now: () => new Date('2009-03-31T15:59:59Z') })).toBe('2009-03-31');
    expect(officeToday({ now: () => new Date('2009-03-31T16:00:00Z') })).toBe('2009-04-01');
  });
});
