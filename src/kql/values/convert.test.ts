import { describe, expect, it } from 'vitest';
import { parseDatetime } from './datetime.ts';
import { formatReal } from './real.ts';
import {
  convertTo, parseJsonValue, toBoolValue, toDatetimeValue, toDynamicValue, toGuidValue, toIntValue, toKqlString,
  toLongValue, toRealValue, toTimespanValue,
} from './convert.ts';
import { parseGuid } from './guid.ts';

describe('formatReal', () => {
  it.each([
    [1, '1'], [1.5, '1.5'], [100, '100'], [123.45, '123.45'], [1e20, '1E+20'], [1e15, '1E+15'], [1e14, '100000000000000'],
    [0.0001, '0.0001'], [0.00001, '1E-05'], [1.5e-7, '1.5E-07'], [-2.5, '-2.5'], [NaN, 'NaN'], [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'], [0.1 + 0.2, '0.30000000000000004'],
  ])('%s → %s', (v, s) => expect(formatReal(v)).toBe(s));
});

describe('toKqlString', () => {
  it('prints each type as Kusto does', () => {
    expect(toKqlString(123, 'int')).toBe('123');
    expect(toKqlString(2n ** 60n, 'long')).toBe('1152921504606846976');
    expect(toKqlString(1.5, 'real')).toBe('1.5');
    expect(toKqlString(true, 'bool')).toBe('true');
    expect(toKqlString(100_000_000n, 'timespan')).toBe('00:00:10');
    expect(toKqlString(parseDatetime('2023-08-30 23:00'), 'datetime')).toBe('2023-08-30T23:00:00.0000000Z');
    expect(toKqlString(null, 'long')).toBe('');
    expect(toKqlString('abc', 'string')).toBe('abc');
    expect(toKqlString('abc', 'dynamic')).toBe('abc');
    expect(toKqlString([1, 'a'], 'dynamic')).toBe('[1,"a"]');
    expect(toKqlString(null, 'dynamic')).toBe('');
  });
});

describe('numeric conversions', () => {
  it('tolong / toint', () => {
    expect(toLongValue('123', 'string')).toBe(123);
    expect(toLongValue(' -42 ', 'string')).toBe(-42);
    expect(toLongValue('0xa0', 'string')).toBe(160);
    expect(toLongValue('', 'string')).toBeNull();
    expect(toLongValue('nan', 'string')).toBeNull();
    expect(toLongValue(123.5, 'real')).toBe(123);
    expect(toLongValue(-2.7, 'real')).toBe(-2);
    expect(toLongValue(NaN, 'real')).toBeNull();
    expect(toLongValue('9223372036854775807', 'string')).toBe(9223372036854775807n);
    expect(toLongValue('9223372036854775808', 'string')).toBeNull();
    expect(toLongValue(true, 'bool')).toBe(1);
    expect(toIntValue(2.3, 'real')).toBe(2);
    expect(toIntValue('123', 'string')).toBe(123);
    expect(toIntValue('3000000000', 'string')).toBeNull();
    expect(toIntValue(-256, 'long')).toBe(-256);
  });

  it('toreal', () => {
    expect(toRealValue('123.5', 'string')).toBe(123.5);
    expect(toRealValue('1e3', 'string')).toBe(1000);
    expect(toRealValue('nan', 'string')).toBeNaN();
    expect(toRealValue('', 'string')).toBeNull();
    expect(toRealValue('abc', 'string')).toBeNull();
    expect(toRealValue(5, 'long')).toBe(5);
  });

  it('tobool', () => {
    expect(toBoolValue('true', 'string')).toBe(true);
    expect(toBoolValue('FALSE', 'string')).toBe(false);
    expect(toBoolValue('yes', 'string')).toBeNull();
    expect(toBoolValue(123, 'long')).toBe(true);
    expect(toBoolValue(0, 'int')).toBe(false);
  });
});

describe('datetime, timespan, guid, dynamic conversions', () => {
  it('todatetime / totimespan', () => {
    expect(toDatetimeValue('12-02-2022', 'string')).toBe(parseDatetime('2022-12-02'));
    expect(toDatetimeValue('nope', 'string')).toBeNull();
    expect(toTimespanValue('0.00:03:00', 'string')).toBe(1_800_000_000n);
    expect(toTimespanValue(10, 'long')).toBe(10n);
  });

  it('toguid', () => {
    expect(toGuidValue('0697405B-2B4A-4F56-AF5E-A1A2D2D3C4B5', 'string')).toBe('0697405b-2b4a-4f56-af5e-a1a2d2d3c4b5');
    expect(parseGuid('{0697405b2b4a4f56af5ea1a2d2d3c4b5}')).toBe('0697405b-2b4a-4f56-af5e-a1a2d2d3c4b5');
    expect(toGuidValue('not a guid', 'string')).toBeNull();
  });

  it('parse_json and dynamic storage', () => {
    expect(parseJsonValue('{"a":1}', 'string')).toEqual({ a: 1 });
    expect(parseJsonValue('hello', 'string')).toBe('hello');
    expect(parseJsonValue('', 'string')).toBeNull();
    expect(toDynamicValue(20_000_000n, 'timespan')).toBe('00:00:02');
    expect(toDynamicValue(parseDatetime('2017-01-01'), 'datetime')).toBe('2017-01-01T00:00:00.0000000Z');
    expect(convertTo('7', 'string', 'int')).toBe(7);
  });
});
