import { describe, expect, it } from 'vitest';
import { encodeCell, encodeColumns, encodeDynamic, encodeRowArray, encodeRowObject } from './json-encoding.ts';

const TICKS_2017 = 14832288000000000n; // 2017-01-01T00:00:00Z

function bag(entries: [string, unknown][]): Record<string, never> {
  const b = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of entries) b[k] = v;
  return b as Record<string, never>;
}

describe('encodeCell', () => {
  it('datetime: ISO 8601 UTC with Z, fraction only when non-zero, trailing zeros trimmed, up to 7 digits', () => {
    expect(encodeCell(TICKS_2017, 'datetime')).toBe('"2017-01-01T00:00:00Z"');
    expect(encodeCell(TICKS_2017 + 5_120_000n, 'datetime')).toBe('"2017-01-01T00:00:00.512Z"');
    expect(encodeCell(TICKS_2017 + 1n, 'datetime')).toBe('"2017-01-01T00:00:00.0000001Z"');
    expect(encodeCell(TICKS_2017 + 1_234_567n, 'datetime')).toBe('"2017-01-01T00:00:00.1234567Z"');
    expect(encodeCell(-10_000_000n, 'datetime')).toBe('"1969-12-31T23:59:59Z"');
    expect(encodeCell(null, 'datetime')).toBe('null');
  });

  it("timespan: Kusto's [-][d.]hh:mm:ss[.fffffff]", () => {
    expect(encodeCell(0n, 'timespan')).toBe('"00:00:00"');
    expect(encodeCell(200_000_000n, 'timespan')).toBe('"00:00:20"');
    expect(encodeCell(864_000_000_000n, 'timespan')).toBe('"1.00:00:00"');
    expect(encodeCell(-432_000_000_000n, 'timespan')).toBe('"-12:00:00"');
    expect(encodeCell(1_318_551_230_000n, 'timespan')).toBe('"1.12:37:35.1230000"');
    expect(encodeCell(1n, 'timespan')).toBe('"00:00:00.0000001"');
  });

  it('long: numbers within 2^53, strings beyond', () => {
    expect(encodeCell(42, 'long')).toBe('42');
    expect(encodeCell(-9007199254740991, 'long')).toBe('-9007199254740991');
    expect(encodeCell(9007199254740993n, 'long')).toBe('"9007199254740993"');
    expect(encodeCell(-9223372036854775808n, 'long')).toBe('"-9223372036854775808"');
    expect(encodeCell(12n, 'long')).toBe('12');
    expect(encodeCell(7, 'int')).toBe('7');
    expect(encodeCell(null, 'long')).toBe('null');
  });

  it('real: numbers; NaN and infinities as strings', () => {
    expect(encodeCell(1.5, 'real')).toBe('1.5');
    expect(encodeCell(100, 'real')).toBe('100');
    expect(encodeCell(1e21, 'real')).toBe('1e+21');
    expect(encodeCell(-0, 'real')).toBe('0');
    expect(encodeCell(Number.NaN, 'real')).toBe('"NaN"');
    expect(encodeCell(Number.POSITIVE_INFINITY, 'real')).toBe('"Infinity"');
    expect(encodeCell(Number.NEGATIVE_INFINITY, 'real')).toBe('"-Infinity"');
    expect(encodeCell(0.1, 'decimal')).toBe('0.1');
    expect(JSON.parse(encodeCell(0.1 + 0.2, 'real'))).toBe(0.1 + 0.2);
  });

  it('string: escaped; a null string is ""', () => {
    expect(encodeCell('a"b\\c\n\u0001', 'string')).toBe('"a\\"b\\\\c\\n\\u0001"');
    expect(encodeCell(null, 'string')).toBe('""');
    expect(encodeCell('', 'string')).toBe('""');
    expect(encodeCell('\ud800', 'string')).toBe('"\\ud800"');
    expect(encodeCell('a3e9d4b2-7c15-4f60-8e2a-91b0c5d7f824', 'guid')).toBe('"a3e9d4b2-7c15-4f60-8e2a-91b0c5d7f824"');
  });

  it('bool', () => {
    expect(encodeCell(true, 'bool')).toBe('true');
    expect(encodeCell(false, 'bool')).toBe('false');
    expect(encodeCell(null, 'bool')).toBe('null');
  });

  it('dynamic: JSON; big integers and non-finite reals as strings; __proto__ keys as data', () => {
    const value = bag([
      ['__proto__', 1],
      ['list', [1, 2.5, 'x', null, true, 12345678901234567890n, Number.NaN]],
      ['nested', bag([['constructor', 'c']])],
    ]);
    const text = encodeCell(value, 'dynamic');
    expect(text).toBe('{"__proto__":1,"list":[1,2.5,"x",null,true,"12345678901234567890","NaN"],"nested":{"constructor":"c"}}');
    expect(encodeDynamic('a string')).toBe('"a string"');
    expect(encodeDynamic([])).toBe('[]');
    expect(encodeCell(null, 'dynamic')).toBe('null');
    expect(encodeCell(5, 'dynamic')).toBe('5');
  });
});

describe('rows and columns', () => {
  const columns = [
    { name: 'When', type: 'datetime' as const },
    { name: 'n', type: 'long' as const },
    { name: 'Name "quoted"', type: 'string' as const },
  ];
  it('encodes columns and rows as valid JSON', () => {
    expect(JSON.parse(encodeColumns(columns))).toEqual([
      { name: 'When', type: 'datetime' },
      { name: 'n', type: 'long' },
      { name: 'Name "quoted"', type: 'string' },
    ]);
    expect(JSON.parse(encodeRowArray(columns, [TICKS_2017, 9007199254740993n, null]))).toEqual(['2017-01-01T00:00:00Z', '9007199254740993', '']);
    expect(JSON.parse(encodeRowObject(columns, [null, 1, 'x']))).toEqual({ When: null, n: 1, 'Name "quoted"': 'x' });
  });
  it('a column named __proto__ stays a key of the row object', () => {
    const row = JSON.parse(encodeRowObject([{ name: '__proto__', type: 'long' }], [1])) as object;
    expect(Object.keys(row)).toEqual(['__proto__']);
  });
});
