import { describe, expect, it } from 'vitest';
import type { KqlType } from '../../../src/schema/types.ts';
import { ResultIndex, SUBDETECTION_COLUMN, sortKey } from './view.ts';

function result(columns: [string, KqlType][], rows: string[][], subdetections: (string | null)[]) {
  return { columns: columns.map(([name, type]) => ({ name, type })), rows, subdetections };
}

const sample = result(
  [
    ['Timestamp', 'datetime'],
    ['Size', 'long'],
    ['Name', 'string'],
    ['Took', 'timespan'],
  ],
  [
    ['"2026-11-24T09:21:49.87Z"', '10', '"beta"', '"00:00:02"'],
    ['"2026-11-24T09:21:49.871Z"', 'null', '"Alpha"', '"1.00:00:00"'],
    ['"2026-11-24T09:21:49Z"', '9', '"gamma"', '"-00:00:01"'],
    ['null', '"9223372036854775807"', '"alpha"', '"00:00:02.5"'],
  ],
  ['B', 'A', null, 'A'],
);

describe('sortKey', () => {
  it('reads each type as its kind of value', () => {
    expect(sortKey('"2026-11-24T09:21:49.87Z"', 'datetime').value).toBe('2026-11-24T09:21:49.8700000');
    expect(sortKey('"1.02:03:04.5"', 'timespan').value).toBe(((26 * 60 + 3) * 60 + 4) * 1e7 + 5_000_000);
    expect(sortKey('"9223372036854775807"', 'long').value).toBe(9223372036854775807n);
    expect(sortKey('"ABC"', 'string').value).toBe('abc');
    expect(sortKey('null', 'long').rank).toBe(255);
    expect(sortKey('2.5', 'dynamic').value).toBe(2.5);
  });
});

describe('ResultIndex.view', () => {
  const index = new ResultIndex(sample);
  it('keeps the rule order without a sort', () => {
    expect(index.view(null, '', { kind: 'all' })).toEqual([0, 1, 2, 3]);
  });
  it('sorts datetimes chronologically (not as text), nulls last in both directions', () => {
    expect(index.view({ column: 'Timestamp', direction: 'asc' }, '', { kind: 'all' })).toEqual([2, 0, 1, 3]);
    expect(index.view({ column: 'Timestamp', direction: 'desc' }, '', { kind: 'all' })).toEqual([1, 0, 2, 3]);
  });
  it('sorts numbers numerically, big longs included', () => {
    expect(index.view({ column: 'Size', direction: 'asc' }, '', { kind: 'all' })).toEqual([2, 0, 3, 1]);
    expect(index.view({ column: 'Size', direction: 'desc' }, '', { kind: 'all' })).toEqual([3, 0, 2, 1]);
  });
  it('sorts strings case-insensitively, ties in the rule order', () => {
    expect(index.view({ column: 'Name', direction: 'asc' }, '', { kind: 'all' })).toEqual([1, 3, 0, 2]);
  });
  it('sorts timespans by length, negative first', () => {
    expect(index.view({ column: 'Took', direction: 'asc' }, '', { kind: 'all' })).toEqual([2, 0, 3, 1]);
  });
  it('sorts by sub-detection, the final query last', () => {
    expect(index.view({ column: SUBDETECTION_COLUMN, direction: 'asc' }, '', { kind: 'all' })).toEqual([1, 3, 0, 2]);
    expect(index.view({ column: SUBDETECTION_COLUMN, direction: 'desc' }, '', { kind: 'all' })).toEqual([0, 1, 3, 2]);
  });
  it('ignores a sort on a column the result no longer has', () => {
    expect(index.view({ column: 'Gone', direction: 'asc' }, '', { kind: 'all' })).toEqual([0, 1, 2, 3]);
  });
  it('filters on any displayed cell or the sub-detection, case-insensitively', () => {
    expect(index.view(null, 'ALPHA', { kind: 'all' })).toEqual([1, 3]);
    expect(index.view(null, '49.87', { kind: 'all' })).toEqual([0, 1]);
    expect(index.view(null, '(query)', { kind: 'all' })).toEqual([2]);
    expect(index.view(null, 'b', { kind: 'all' })).toEqual([0]);
    // Cells are separate: text spanning two cells does not match.
    expect(index.view(null, 'beta00', { kind: 'all' })).toEqual([]);
  });
  it('filters by sub-detection, the final query included, combined with the text filter and a sort', () => {
    expect(index.view(null, '', { kind: 'one', name: 'A' })).toEqual([1, 3]);
    expect(index.view(null, '', { kind: 'one', name: null })).toEqual([2]);
    expect(index.view({ column: 'Took', direction: 'desc' }, 'alpha', { kind: 'one', name: 'A' })).toEqual([1, 3]);
  });
  it('sorts and filters 20,000 rows correctly', () => {
    const n = 20_000;
    const rows = Array.from({ length: n }, (_, i) => [
      `"2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.${String((i * 7919) % 1000).padStart(3, '0')}Z"`,
      String((i * 104729) % 9973),
      JSON.stringify(`host-${(i * 31) % 577}.corp.example`),
      `{"i":${i}}`,
    ]);
    const big = new ResultIndex(result([['T', 'datetime'], ['N', 'long'], ['H', 'string'], ['D', 'dynamic']], rows, rows.map((_, i) => (i % 3 === 0 ? 'X' : 'Y'))));
    const sorted = big.view({ column: 'N', direction: 'asc' }, '', { kind: 'all' });
    big.view({ column: 'N', direction: 'desc' }, '', { kind: 'all' });
    big.view({ column: 'T', direction: 'asc' }, '', { kind: 'all' });
    const filtered = big.view({ column: 'H', direction: 'asc' }, 'host-1', { kind: 'one', name: 'X' });
    big.view(null, 'host-12', { kind: 'all' });
    expect(sorted).toHaveLength(n);
    for (let k = 1; k < sorted.length; k++) expect(Number(rows[sorted[k - 1]!]![1]) <= Number(rows[sorted[k]!]![1])).toBe(true);
    expect(filtered.every((i) => i % 3 === 0 && rows[i]![2]!.includes('host-1'))).toBe(true);
  });
});
