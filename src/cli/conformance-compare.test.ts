import { describe, expect, it } from 'vitest';
import { cellEquals, compareCase, isCoreTopic, parseDatetimeTicks, parseTimespanTicks, type ConformanceCase } from './conformance-compare.ts';

const base: ConformanceCase = { id: 'x', topic: 't', query: 'q', expected: { columns: ['a', 'b'], rows: [[1, 'p'], [2, 'q']] }, ordered: false, column_types: ['long', 'string'] };
const cols = [
  { name: 'a', type: 'long' },
  { name: 'b', type: 'string' },
];

describe('compareCase', () => {
  it('compares unordered results as multisets and ordered ones by position', () => {
    expect(compareCase(base, { id: 'x', columns: cols, rows: [[2, 'q'], [1, 'p']] })).toEqual({ pass: true });
    expect(compareCase({ ...base, ordered: true }, { id: 'x', columns: cols, rows: [[2, 'q'], [1, 'p']] })).toMatchObject({ pass: false, reason: expect.stringMatching(/^row 1 \(ordered\)/) });
  });
  it('fails with a one-line reason: errors, names, types, counts, cells', () => {
    expect(compareCase(base, { id: 'x', error: { code: 'KS1', message: 'bad\nthing' } })).toEqual({ pass: false, reason: 'error KS1: bad thing' });
    expect(compareCase(base, undefined)).toMatchObject({ pass: false, reason: 'no output line for this case' });
    expect(compareCase(base, { id: 'x', columns: [cols[0]!, { name: 'c', type: 'string' }], rows: [] })).toMatchObject({ reason: "column 2 is named 'c', expected 'b'" });
    expect(compareCase(base, { id: 'x', columns: [{ name: 'a', type: 'int' }, cols[1]!], rows: [] })).toMatchObject({ reason: "column 'a' has type int, expected long" });
    expect(compareCase(base, { id: 'x', columns: cols, rows: [[1, 'p']] })).toMatchObject({ reason: expect.stringMatching(/^expected 2 row\(s\), got 1/) });
    expect(compareCase(base, { id: 'x', columns: cols, rows: [[1, 'p'], [3, 'q']] })).toMatchObject({ reason: expect.stringMatching(/expected row \[2,"q"\] not found/) });
  });
  it('accepts alternatives, analyser column names and unasserted names', () => {
    const alt = { ...base, expected_alternatives: [{ columns: ['a', 'b'], rows: [[9, 'z'], [8, 'y']] }] };
    expect(compareCase(alt, { id: 'x', columns: cols, rows: [[8, 'y'], [9, 'z']] })).toEqual({ pass: true });
    const renamed = { ...base, column_names_match_analyzer: false, analyzer_columns: ['a', 'print_0'] };
    expect(compareCase(renamed, { id: 'x', columns: [cols[0]!, { name: 'print_0', type: 'string' }], rows: [[1, 'p'], [2, 'q']] })).toEqual({ pass: true });
    expect(compareCase({ ...base, column_name_asserted: false }, { id: 'x', columns: [{ name: 'z', type: 'long' }, { name: 'y', type: 'string' }], rows: [[1, 'p'], [2, 'q']] })).toEqual({ pass: true });
  });
});

describe('cellEquals', () => {
  it('datetimes as instants at 100 ns, whatever the printed form', () => {
    expect(cellEquals('2017-01-01 00:00:00.0000000', '2017-01-01T00:00:00Z', 'datetime')).toBe(true);
    expect(cellEquals('2022-02-20 05:00:00Z', '2022-02-20T05:00:00Z', 'datetime')).toBe(true);
    expect(cellEquals('2017-01-01 00:00:00.0000001', '2017-01-01T00:00:00Z', 'datetime')).toBe(false);
    expect(parseDatetimeTicks('0001-01-01T00:00:00Z')).toBe(-621355968000000000n);
  });
  it('timespans as durations, including the malformed 14:00:00:00', () => {
    expect(cellEquals('1.00:00:00', '1.00:00:00', 'timespan')).toBe(true);
    expect(parseTimespanTicks('14:00:00:00')).toBe(14n * 864_000_000_000n);
    expect(parseTimespanTicks('-12:00:00')).toBe(-432_000_000_000n);
  });
  it('reals with tolerance; NaN and infinities as strings; big longs as strings', () => {
    expect(cellEquals(0.746176019310951, 0.7461760193109514, 'real')).toBe(true);
    expect(cellEquals(1.5, 1.6, 'real')).toBe(false);
    expect(cellEquals('NaN', 'NaN', 'real')).toBe(true);
    expect(cellEquals('-Infinity', '-Infinity', 'real')).toBe(true);
    expect(cellEquals('9223372036854775807', '9223372036854775807', 'long')).toBe(true);
    expect(cellEquals(9007199254740993, '9007199254740992', 'long')).toBe(true); // the corpus stores exact digits as strings
  });
  it('strings: never null, trimmed when whitespace-lossy', () => {
    expect(cellEquals(null, '', 'string')).toBe(true);
    expect(cellEquals('Hello', '  Hello ', 'string', true)).toBe(true);
    expect(cellEquals('Hello', '  Hello ', 'string')).toBe(false);
  });
  it('dynamic: key order ignored, "10" equals 10, datetimes as instants', () => {
    expect(cellEquals({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, 'dynamic')).toBe(true);
    expect(cellEquals({ a: 1 }, { a: 1, b: 2 }, 'dynamic')).toBe(false);
    expect(cellEquals(10, '10', 'dynamic')).toBe(true);
    expect(cellEquals('2017-01-01T00:00:00.0000000Z', '2017-01-01T00:00:00Z', 'dynamic')).toBe(true);
  });
});

describe('isCoreTopic', () => {
  it('excludes the CORE.md families', () => {
    for (const t of ['geo_distance_2points', 'series_add', 'graph-match', 'make-series', 'covariancep', 'binary_all_or', 'cos', 'hll_merge', 'tdigest']) expect(isCoreTopic(t)).toBe(false);
    for (const t of ['where', 'has', 'join', 'summarize', 'tostring', 'strcat', 'make_set', 'parse_json', 'bin']) expect(isCoreTopic(t)).toBe(true);
  });
});
