import { describe, expect, it } from 'vitest';
import { formatDatetime, formatTimespan, parseDatetime, parseTimespan } from '../values/index.ts';
import { NOW, call } from './testing.ts';

const dt = (s: string): bigint => parseDatetime(s) ?? 0n;
const ts = (s: string): bigint => parseTimespan(s) ?? 0n;
const iso = (v: unknown): string => (typeof v === 'bigint' ? formatDatetime(v) : `not a datetime: ${String(v)}`);

describe('datetime functions (docs examples)', () => {
  it('ago, now', () => {
    expect(call('ago', [ts('1d')], ['timespan'])).toBe(NOW - ts('1d'));
    expect(call('now', [])).toBe(NOW);
    expect(call('now', [ts('-2h')], ['timespan'])).toBe(NOW - ts('2h'));
  });

  it('datetime_add', () => {
    const d = dt('2017-01-01');
    const add = (unit: string, n: number): string => iso(call('datetime_add', [unit, n, d], [, , 'datetime']));
    expect(add('year', 1)).toBe('2018-01-01T00:00:00Z');
    expect(add('quarter', 1)).toBe('2017-04-01T00:00:00Z');
    expect(add('week', 1)).toBe('2017-01-08T00:00:00Z');
    expect(add('second', 1)).toBe('2017-01-01T00:00:01Z');
    expect(add('year', -5)).toBe('2012-01-01T00:00:00Z');
    expect(add('quarter', 12)).toBe('2020-01-01T00:00:00Z');
    expect(add('month', -15)).toBe('2015-10-01T00:00:00Z');
    expect(add('week', 100)).toBe('2018-12-02T00:00:00Z');
  });

  it('datetime_diff', () => {
    const diff = (u: string, a: string, b: string): unknown => call('datetime_diff', [u, dt(a), dt(b)], [, 'datetime', 'datetime']);
    expect(diff('year', '2017-01-01', '2000-12-31')).toBe(17);
    expect(diff('quarter', '2017-07-01', '2017-03-30')).toBe(2);
    expect(diff('month', '2017-01-01', '2015-12-30')).toBe(13);
    expect(diff('week', '2017-10-29 00:00', '2017-09-30 23:59')).toBe(5);
    expect(diff('day', '2017-10-29 00:00', '2017-09-30 23:59')).toBe(29);
    expect(diff('hour', '2017-10-31 01:00', '2017-10-30 23:59')).toBe(2);
    expect(diff('minute', '2017-10-30 23:05:01', '2017-10-30 23:00:59')).toBe(5);
    expect(diff('second', '2017-10-30 23:00:10.100', '2017-10-30 23:00:00.900')).toBe(10);
    expect(diff('millisecond', '2017-10-30 23:00:00.200100', '2017-10-30 23:00:00.100900')).toBe(100);
    expect(diff('microsecond', '2017-10-30 23:00:00.1009001', '2017-10-30 23:00:00.1008009')).toBe(100);
    expect(diff('nanosecond', '2017-10-30 23:00:00.0000000', '2017-10-30 23:00:00.0000007')).toBe(-700);
  });

  it('datetime_part and parts', () => {
    const d = dt('2017-10-30 01:02:03.7654321');
    const parts = ['year', 'quarter', 'month', 'week_of_year', 'day', 'dayOfYear', 'hour', 'minute', 'second', 'millisecond', 'microsecond', 'nanosecond'];
    expect(parts.map((p) => call('datetime_part', [p, d], [, 'datetime']))).toEqual([2017, 4, 10, 44, 30, 303, 1, 2, 3, 765, 765432, 765432100]);
    expect(call('dayofweek', [dt('1947-11-30 10:00:05')], ['datetime'])).toBe(0n);
    expect(formatTimespan(call('dayofweek', [dt('1970-05-12')], ['datetime']) as bigint)).toBe('2.00:00:00');
    expect(call('getyear', [dt('2015-10-12')], ['datetime'])).toBe(2015);
    expect(call('hourofday', [dt('2015-12-14 18:54')], ['datetime'])).toBe(18);
    expect(call('monthofyear', [dt('2015-12-14')], ['datetime'])).toBe(12);
    expect(call('week_of_year', [dt('2000-01-01')], ['datetime'])).toBe(52);
    expect(call('dayofmonth', [null], ['datetime'])).toBeNull();
  });

  it('startof / endof with offsets', () => {
    const d = dt('2017-01-01 10:10:17');
    const f = (name: string, o: number): string => iso(call(name, [d, o], ['datetime']));
    expect([-1, 0, 1].map((o) => f('startofday', o))).toEqual(['2016-12-31T00:00:00Z', '2017-01-01T00:00:00Z', '2017-01-02T00:00:00Z']);
    expect([-1, 0, 1].map((o) => f('startofweek', o))).toEqual(['2016-12-25T00:00:00Z', '2017-01-01T00:00:00Z', '2017-01-08T00:00:00Z']);
    expect([-1, 0, 1].map((o) => f('endofmonth', o))).toEqual(['2016-12-31T23:59:59.9999999Z', '2017-01-31T23:59:59.9999999Z', '2017-02-28T23:59:59.9999999Z']);
    expect(f('endofyear', 1)).toBe('2018-12-31T23:59:59.9999999Z');
    expect(f('endofweek', -1)).toBe('2016-12-31T23:59:59.9999999Z');
    expect(iso(call('startofmonth', [d], ['datetime']))).toBe('2017-01-01T00:00:00Z');
  });

  it('make_datetime, make_timespan, unixtime_*', () => {
    expect(iso(call('make_datetime', [2017, 10, 1]))).toBe('2017-10-01T00:00:00Z');
    expect(iso(call('make_datetime', [2017, 10, 1, 12, 10]))).toBe('2017-10-01T12:10:00Z');
    expect(iso(call('make_datetime', [2017, 10, 1, 12, 11, 0.1234567]))).toBe('2017-10-01T12:11:00.1234567Z');
    expect(call('make_datetime', [2017, 13, 1])).toBeNull();
    expect(formatTimespan(call('make_timespan', [1, 12, 30, 55.123]) as bigint)).toBe('1.12:30:55.1230000');
    expect(formatTimespan(call('make_timespan', [2, 30]) as bigint)).toBe('02:30:00');
    expect(iso(call('unixtime_seconds_todatetime', [1546300800]))).toBe('2019-01-01T00:00:00Z');
    expect(iso(call('unixtime_milliseconds_todatetime', [1546300800000]))).toBe('2019-01-01T00:00:00Z');
    expect(iso(call('unixtime_microseconds_todatetime', [1546300800000000]))).toBe('2019-01-01T00:00:00Z');
    expect(iso(call('unixtime_nanoseconds_todatetime', [1546300800000000000n]))).toBe('2019-01-01T00:00:00Z');
  });

  it('format_datetime, format_timespan', () => {
    const d = dt('2017-01-29 09:00:05');
    expect(call('format_datetime', [d, 'yy-MM-dd [HH:mm:ss]'], ['datetime'])).toBe('17-01-29 [09:00:05]');
    expect(call('format_datetime', [d, 'yyyy-M-dd [H:mm:ss]'], ['datetime'])).toBe('2017-1-29 [9:00:05]');
    expect(call('format_datetime', [d, 'yy-MM-dd [hh:mm:ss tt]'], ['datetime'])).toBe('17-01-29 [09:00:05 AM]');
    const t = ts('29.09:00:05.12345');
    expect(call('format_timespan', [t, 'dd.hh:mm:ss:FF'], ['timespan'])).toBe('29.09:00:05:12');
    expect(call('format_timespan', [t, 'ddd.h:mm:ss [fffffff]'], ['timespan'])).toBe('029.9:00:05 [1234500]');
  });
});
