import {
  addDays,
  dayOfWeek,
  daysBetween,
  fromDayNumber,
  isIsoDate,
  isMonday,
  mondayOf,
  mondaysBetween,
  toDayNumber,
  weekMonday,
  weekNumberOf,
  weekSunday,
} from './dates';
import { DOMAIN_ERROR_HTTP_STATUS, InvalidCommand, isDomainError } from './errors';
import { branchWorkStream, campaignStream, organisationStream, parseBranchWorkStream } from './streams';

describe('ISO date helpers', () => {
  it('validates dates, leap years included', () => {
    expect(isIsoDate('2009-03-16')).toBe(true);
    expect(isIsoDate('2008-02-29')).toBe(true);
    expect(isIsoDate('2009-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2009-3-16')).toBe(false);
    expect(isIsoDate(20090316)).toBe(false);
  });

  it('does day arithmetic across months and years', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(toDayNumber('2009-12-31') + 1)).toBe('2010-01-01');
    expect(addDays('2009-02-28', 1)).toBe('2009-03-01');
    expect(addDays('2008-02-28', 1)).toBe('2008-02-29');
    expect(addDays('2009-03-01', -1)).toBe('2009-02-28');
    expect(daysBetween('2009-01-01', '2009-12-31')).toBe(364);
  });

  it('knows weekdays and campaign weeks (week 1 starts on Monday 2009-03-16)', () => {
    expect(dayOfWeek('2009-03-16')).toBe(1);
    expect(dayOfWeek('2009-03-22')).toBe(7);
    expect(isMonday('2009-03-17')).toBe(false);
    expect(mondayOf('2009-03-22')).toBe('2009-03-16');
    expect(weekMonday('2009-03-16', 9)).toBe('2009-05-11');
    expect(weekSunday('2009-03-16', 1)).toBe('2009-03-22');
    expect(weekSunday('2009-03-16', 24)).toBe('2009-08-30');
    expect(weekNumberOf('2009-03-16', '2009-03-29')).toBe(2);
    expect(mondaysBetween('2009-03-18', '2009-03-30')).toEqual(['2009-03-16', '2009-03-23', '2009-03-30']);
  });
});

describe('stream ids', () => {
  it('builds one stream per unit, per campaign and per branch in a campaign', () => {
    expect(organisationStream('U1')).toBe('organisation-U1');
    expect(campaignStream('C1')).toBe('campaign-C1');
    expect(branchWorkStream('C1', 'B3')).toBe('branchWork-C1:B3');
    expect(parseBranchWorkStream('branchWork-C1:B3')).toEqual({ campaignId: 'C1', branchId: 'B3' });
    expect(parseBranchWorkStream('campaign-C1')).toBeNull();
  });

  it('refuses ids that would make a stream id ambiguous', () => {
    expect(() => branchWorkStream('C:1', 'B3')).toThrow(expect.objectContaining({ code: 'STREAM.INVALID_ID', kind: 'validation' }));
    expect(() => campaignStream('')).toThrow(expect.objectContaining({ code: 'STREAM.INVALID_ID' }));
    expect(() => organisationStream('$all')).toThrow(expect.objectContaining({ code: 'STREAM.INVALID_ID' }));
  });
});

describe('domain errors', () => {
  it('carry a stable code, a kind, details and both languages', () => {
    const error = InvalidCommand.field('tasks[3].scope', 'must be one of unit, branch', '必须是 unit 或 branch');
    expect(isDomainError(error)).toBe(true);
    expect(error).toBeInstanceOf(Error);
    expect(error.toJSON()).toEqual({
      code: 'COMMAND.INVALID',
      kind: 'validation',
      message: 'tasks[3].scope: must be one of unit, branch. Correct this field and send the command again.',
      messageZh: 'tasks[3].scope：必须是 unit 或 branch。请更正该字段后重新提交。',
      details: { path: 'tasks[3].scope', problem: 'must be one of unit, branch' },
    });
    expect(DOMAIN_ERROR_HTTP_STATUS[error.kind]).toBe(400);
    expect(DOMAIN_ERROR_HTTP_STATUS.precondition).toBe(412);
  });
});
