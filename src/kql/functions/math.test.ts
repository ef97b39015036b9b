import { describe, expect, it } from 'vitest';
import { formatDatetime, formatTimespan, parseDatetime, parseTimespan } from '../values/index.ts';
import { call } from './testing.ts';

const dt = (s: string): bigint => parseDatetime(s) ?? 0n;
const ts = (s: string): bigint => parseTimespan(s) ?? 0n;

describe('math (docs examples)', () => {
  it('bin / bin_at', () => {
    expect(call('bin', [4.5, 1], ['real', 'long'])).toBe(4);
    expect(call('bin', [7, 5])).toBe(5);
    expect(call('bin', [-7, 5])).toBe(-10);
    expect(formatTimespan(call('bin', [ts('16d'), ts('7d')], ['timespan', 'timespan']) as bigint)).toBe('14.00:00:00');
    expect(formatDatetime(call('bin', [dt('1970-05-11 13:45:07'), ts('1d')], ['datetime', 'timespan']) as bigint)).toBe('1970-05-11T00:00:00Z');
    expect(call('bin', [5, 0])).toBeNull();
    expect(call('floor', [4.5, 1], ['real', 'long'])).toBe(4);
    expect(call('bin_at', [6.5, 2.5, 7])).toBe(4.5);
    expect(formatTimespan(call('bin_at', [ts('1h'), ts('1d'), ts('12h')], ['timespan', 'timespan', 'timespan']) as bigint)).toBe('-12:00:00');
    const binAt = (d: string, size: string, at: string): string =>
      formatDatetime(call('bin_at', [dt(d), ts(size), dt(at)], ['datetime', 'timespan', 'datetime']) as bigint);
    expect(binAt('2017-05-15 10:20:00', '1d', '1970-01-01 12:00:00')).toBe('2017-05-14T12:00:00Z');
    expect(binAt('2017-05-17 10:20:00', '7d', '2017-06-04 00:00:00')).toBe('2017-05-14T00:00:00Z');
    expect(binAt('2018-02-23T16:14', '1d', '2018-02-24 15:14')).toBe('2018-02-23T15:14:00Z');
  });

  it('rounding and elementary functions', () => {
    expect(call('ceiling', [-1.1])).toBe(-1);
    expect(call('ceiling', [0])).toBe(0);
    expect(call('ceiling', [0.9])).toBe(1);
    expect(call('round', [2.98765, 3])).toBe(2.988);
    expect(call('round', [2.15, 1])).toBe(2.2);
    expect(call('round', [2.15])).toBe(2);
    expect(call('round', [-50.55, -2])).toBe(-100);
    expect(call('round', [21.5, -1])).toBe(20);
    expect(call('abs', [-5])).toBe(5);
    expect([-42, 0, 11.2].map((v) => call('sign', [v]))).toEqual([-1, 0, 1]);
    expect(call('exp', [2])).toBeCloseTo(7.389056, 5);
    expect(call('log', [5])).toBeCloseTo(1.6094379124341003, 12);
    expect(call('log10', [5])).toBeCloseTo(0.69897000433601886, 12);
    expect(call('log2', [5])).toBeCloseTo(2.3219280948873622, 12);
    expect(call('pow', [2, 3])).toBe(8);
    expect(call('sqrt', [null])).toBeNull();
    expect(call('isnan', [NaN])).toBe(true);
    expect(call('isinf', [-Infinity])).toBe(true);
    expect(call('isfinite', [NaN])).toBe(false);
  });

  it('max_of / min_of ignore nulls', () => {
    expect(call('max_of', [10, 1, -3, 17])).toBe(17);
    expect(call('min_of', [10, 1, -3, 17])).toBe(-3);
    expect(call('max_of', [null, 2], ['int', 'int'])).toBe(2);
    expect(call('min_of', [null, null], ['int', 'int'])).toBeNull();
    expect(call('max_of', [dt('2024-12-15 07:15:22'), dt('2024-12-15 07:15:24')], ['datetime', 'datetime'])).toBe(dt('2024-12-15 07:15:24'));
  });

  it('tohex, format_bytes', () => {
    expect(call('tohex', [256])).toBe('100');
    expect(call('tohex', [-256])).toBe('ffffffffffffff00');
    expect(call('tohex', [-256, 8], ['int'])).toBe('ffffff00');
    expect(call('tohex', [256, 8])).toBe('00000100');
    expect(call('tohex', [256, 2])).toBe('100');
    expect(call('format_bytes', [564])).toBe('564 Bytes');
    expect(call('format_bytes', [10332, 1])).toBe('10.1 KB');
    expect(call('format_bytes', [20010332])).toBe('19 MB');
    expect(call('format_bytes', [20010332, 2])).toBe('19.08 MB');
    expect(call('format_bytes', [20010332, 0, 'KB'])).toBe('19541 KB');
  });
});
