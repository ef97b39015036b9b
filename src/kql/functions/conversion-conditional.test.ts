import { describe, expect, it } from 'vitest';
import { formatTimespan, parseDatetime } from '../values/index.ts';
import { call } from './testing.ts';

describe('conversions', () => {
  it('to* functions', () => {
    expect(call('tostring', [123])).toBe('123');
    expect(call('tostring', [1.5])).toBe('1.5');
    expect(call('tostring', [null], ['long'])).toBe('');
    expect(call('tostring', [parseDatetime('2023-08-30 23:00')], ['datetime'])).toBe('2023-08-30T23:00:00.0000000Z');
    expect(call('toint', ['123'])).toBe(123);
    expect(call('toint', [2.3])).toBe(2);
    expect(call('toint', [''])).toBeNull();
    expect(call('tolong', ['0xa0'])).toBe(160);
    expect(call('todouble', ['123.5'])).toBe(123.5);
    expect(call('toreal', ['nan'])).toBeNaN();
    expect(call('todecimal', ['123.45678'])).toBe(123.45678);
    expect(call('tobool', ['true'])).toBe(true);
    expect(call('todatetime', ['12-02-2022'])).toBe(parseDatetime('2022-12-02'));
    expect(formatTimespan(call('totimespan', ['0.00:03:00']) as bigint)).toBe('00:03:00');
    expect(call('toguid', ['0697405B-2B4A-4F56-AF5E-A1A2D2D3C4B5'])).toBe('0697405b-2b4a-4f56-af5e-a1a2d2d3c4b5');
  });

  it('parse_json / todynamic / dynamic_to_json', () => {
    expect(call('parse_json', ['{"a":123, "b":"{\\"c\\":456}"}'])).toEqual({ a: 123, b: '{"c":456}' });
    expect(call('parsejson', ['[1,2]'])).toEqual([1, 2]);
    expect(call('todynamic', ['not json'])).toBe('not json');
    expect(call('parse_json', [''])).toBeNull();
    const bag = call('parse_json', ['{"Y10":{},"X8":{"c3":1,"d8":5,"a4":6},"D1":114,"A1":12,"A14":[15,13,18]}']);
    expect(call('dynamic_to_json', [bag])).toBe('{"A1":12,"A14":[15,13,18],"D1":114,"X8":{"a4":6,"c3":1,"d8":5},"Y10":{}}');
  });

  it('gettype', () => {
    const g = (v: unknown, t?: string): unknown => call('gettype', [v as never], t ? [t as never] : undefined);
    expect(g('a')).toBe('string');
    expect(g(111)).toBe('long');
    expect(g(true)).toBe('bool');
    expect(g(0n, 'datetime')).toBe('datetime');
    expect(g(1, 'dynamic')).toBe('int');
    expect(g('abc', 'dynamic')).toBe('string');
    expect(g({ abc: 1 }, 'dynamic')).toBe('dictionary');
    expect(g([1, 2], 'dynamic')).toBe('array');
    expect(g(123.45)).toBe('real');
    expect(g(null, 'dynamic')).toBe('null');
  });
});

describe('conditionals', () => {
  it('iff / case / coalesce / not', () => {
    expect(call('iff', [true, 'a', 'b'])).toBe('a');
    expect(call('iif', [null, 'a', 'b'], ['bool'])).toBe('b');
    const bucket = (n: number): unknown => call('case', [n <= 3, 'Small', n <= 10, 'Medium', 'Large']);
    expect([1, 5, 11].map(bucket)).toEqual(['Small', 'Medium', 'Large']);
    expect(call('coalesce', [null, 42, 33], ['long', 'long', 'long'])).toBe(42);
    expect(call('coalesce', ['', 'x'])).toBe('x');
    expect(call('not', [true])).toBe(false);
    expect(call('not', [null], ['bool'])).toBeNull();
  });

  it('null and empty tests', () => {
    expect(call('isnull', [null], ['long'])).toBe(true);
    expect(call('isnull', [''])).toBe(false);
    expect(call('isempty', [''])).toBe(true);
    expect(call('isempty', [null], ['long'])).toBe(true);
    expect(call('isnotempty', ['a'])).toBe(true);
    expect(call('notempty', [''])).toBe(false);
    expect(call('isnotnull', [0])).toBe(true);
  });
});
