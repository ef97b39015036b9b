import { describe, expect, it } from 'vitest';
import {
  addMonths, datetimeToParts, dayOfWeekIndex, dayOfYear, endOfMonth, endOfWeek, formatDatetime, formatDatetimeFull,
  isoWeekOfYear, parseDatetime, partsToDatetime, startOfMonth, startOfWeek, startOfYear,
} from './datetime.ts';

const dt = (s: string): bigint => {
  const v = parseDatetime(s);
  if (v === null) throw new Error(`unparsed ${s}`);
  return v;
};

describe('parseDatetime / formatDatetime', () => {
  it.each([
    ['2017-01-01', '2017-01-01T00:00:00Z'],
    ['2017-01-01 10:00', '2017-01-01T10:00:00Z'],
    ['2014-05-25T08:20:03.123456Z', '2014-05-25T08:20:03.123456Z'],
    ['2014-05-25T08:20:03.123456', '2014-05-25T08:20:03.123456Z'],
    ['2017-10-30 01:02:03.7654321', '2017-10-30T01:02:03.7654321Z'],
    ['2017-10-30 01:02:03.76543219', '2017-10-30T01:02:03.7654321Z'],
    ['1970-5-12', '1970-05-12T00:00:00Z'],
    ['2018-02-24T15:14', '2018-02-24T15:14:00Z'],
    ['2017-01-01T02:00:00+02:00', '2017-01-01T00:00:00Z'],
    ['Sat, 8 Nov 2014 15:05:02 GMT', '2014-11-08T15:05:02Z'],
    ['Sat, 8 Nov 14 15:05', '2014-11-08T15:05:00Z'],
    ['8 Nov 14 15:05:02 GMT', '2014-11-08T15:05:02Z'],
    ['Saturday, 08-Nov-14 15:05:02 GMT', '2014-11-08T15:05:02Z'],
    ['12-02-2022', '2022-12-02T00:00:00Z'],
    ['12/02/2022 10:00', '2022-12-02T10:00:00Z'],
    ['1969-12-31 23:59:59.9999999', '1969-12-31T23:59:59.9999999Z'],
    ['0001-01-01', '0001-01-01T00:00:00Z'],
  ])('%s', (text, iso) => {
    expect(formatDatetime(dt(text))).toBe(iso);
  });

  it.each(['', 'hello', '2017-13-01', '2017-02-30', '2017-01-01 25:00', '10000-01-01'])('rejects %j', (text) => {
    expect(parseDatetime(text)).toBeNull();
  });

  it('formats all 7 digits for tostring', () => {
    expect(formatDatetimeFull(dt('2017-10-15 12:00'))).toBe('2017-10-15T12:00:00.0000000Z');
  });

  it('round-trips parts', () => {
    expect(datetimeToParts(dt('1600-02-29 01:02:03.5'))).toEqual({ year: 1600, month: 2, day: 29, hour: 1, minute: 2, second: 3, fraction: 5000000 });
    expect(partsToDatetime(2017, 10, 1, 12, 11, 0, 1234567)).toBe(dt('2017-10-01 12:11:00.1234567'));
    expect(partsToDatetime(2017, 2, 29)).toBeNull();
  });
});

describe('calendar helpers', () => {
  it('day of week, day of year, ISO week', () => {
    expect(dayOfWeekIndex(dt('1947-11-30 10:00:05'))).toBe(0);
    expect(dayOfWeekIndex(dt('1970-05-11'))).toBe(1);
    expect(dayOfYear(dt('2017-10-30'))).toBe(303);
    expect(isoWeekOfYear(dt('2017-10-30'))).toBe(44);
    expect(isoWeekOfYear(dt('2020-12-31'))).toBe(53);
    expect(isoWeekOfYear(dt('2020-06-15'))).toBe(25);
    expect(isoWeekOfYear(dt('1970-01-01'))).toBe(1);
    expect(isoWeekOfYear(dt('2000-01-01'))).toBe(52);
  });

  it('start/end of periods with offsets', () => {
    const t = dt('2017-01-01 10:10:17');
    expect(formatDatetime(startOfWeek(t, -1))).toBe('2016-12-25T00:00:00Z');
    expect(formatDatetime(startOfMonth(t, 1))).toBe('2017-02-01T00:00:00Z');
    expect(formatDatetime(startOfYear(t, -1))).toBe('2016-01-01T00:00:00Z');
    expect(formatDatetime(endOfMonth(t, 1))).toBe('2017-02-28T23:59:59.9999999Z');
    expect(formatDatetime(endOfWeek(t, 0))).toBe('2017-01-07T23:59:59.9999999Z');
  });

  it('adds months clamping the day', () => {
    expect(formatDatetime(addMonths(dt('2017-01-31'), 1) ?? 0n)).toBe('2017-02-28T00:00:00Z');
    expect(formatDatetime(addMonths(dt('2017-01-01'), -15) ?? 0n)).toBe('2015-10-01T00:00:00Z');
  });
});
