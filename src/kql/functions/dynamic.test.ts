import { describe, expect, it } from 'vitest';
import { type DynamicValue, dynamicToJson, parseDynamicJson } from '../values/index.ts';
import { call, callFn } from './testing.ts';

const j = (text: string): DynamicValue => {
  const r = parseDynamicJson(text);
  if ('error' in r) throw new Error(r.error);
  return r.value;
};
const json = (v: unknown): string => dynamicToJson(v as DynamicValue);

describe('arrays (docs examples)', () => {
  const arr = [1, 2, 3, 4, 5];
  it('length, index_of, concat, slice, reverse, sum', () => {
    expect(call('array_length', [[1, 2, 3]])).toBe(3);
    expect(call('array_length', ['x'], ['dynamic'])).toBeNull();
    expect(call('array_index_of', [[1, 2, 3], 2])).toBe(1);
    expect(call('array_index_of', [['a', 'b'], 'c'])).toBe(-1);
    expect(call('array_concat', [[1], [2, 3]])).toEqual([1, 2, 3]);
    expect(call('array_slice', [[1, 2, 3], 1, 2])).toEqual([2, 3]);
    expect(call('array_slice', [arr, 2, -1])).toEqual([3, 4, 5]);
    expect(call('array_slice', [arr, -3, -2])).toEqual([3, 4]);
    expect(call('array_reverse', [['a', 'b']])).toEqual(['b', 'a']);
    expect(call('array_sum', [[1, 2.5]])).toBe(3.5);
  });

  it('iff, split, shift, rotate', () => {
    expect(call('array_iff', [[true, false, true], [1, 2, 3], [4, 5, 6]])).toEqual([1, 5, 3]);
    expect(call('array_iff', [[1, 0, 50], 'yes', 'no'])).toEqual(['yes', 'no', 'yes']);
    expect(call('array_iff', [['s', '2022-01-01T00:00:00.0000000Z', null], 1, 0])).toEqual([null, null, null]);
    expect(call('array_iff', [[true, true, true], [1, 2], [3, 4]])).toEqual([1, 2, null]);
    expect(call('array_split', [arr, 2])).toEqual([[1, 2], [3, 4, 5]]);
    expect(call('array_split', [arr, [1, 3]])).toEqual([[1], [2, 3], [4, 5]]);
    expect(call('array_shift_left', [arr, 2])).toEqual([3, 4, 5, null, null]);
    expect(call('array_shift_left', [arr, 2, -1])).toEqual([3, 4, 5, -1, -1]);
    expect(call('array_shift_left', [arr, -2, -1])).toEqual([-1, -1, 1, 2, 3]);
    expect(call('array_shift_right', [arr, 2])).toEqual([null, null, 1, 2, 3]);
    expect(call('array_shift_right', [arr, -2, -1])).toEqual([3, 4, 5, -1, -1]);
    expect(call('array_rotate_left', [arr, 2])).toEqual([3, 4, 5, 1, 2]);
    expect(call('array_rotate_left', [arr, -2])).toEqual([4, 5, 1, 2, 3]);
    expect(call('array_rotate_right', [arr, 2])).toEqual([4, 5, 1, 2, 3]);
  });

  it('sort', () => {
    expect(call('array_sort_asc', [[1, 3, 4, 5, 2], ['a', 'b', 'c', 'd', 'e']])).toEqual([[1, 2, 3, 4, 5], ['a', 'e', 'b', 'c', 'd']]);
    expect(call('array_sort_asc', [['John', 'Paul', 'Jane', 'Kao']])).toEqual(['Jane', 'John', 'Kao', 'Paul']);
    const colors = [null, 'blue', 'yellow', 'green', null];
    expect(call('array_sort_asc', [colors])).toEqual(['blue', 'green', 'yellow', null, null]);
    expect(call('array_sort_asc', [colors, false])).toEqual([null, null, 'blue', 'green', 'yellow']);
    expect(call('array_sort_desc', [colors])).toEqual(['yellow', 'green', 'blue', null, null]);
  });

  it('pack_array, zip, sets', () => {
    expect(call('pack_array', [1, '2', 20_000_000n], [, , 'timespan'])).toEqual([1, '2', '00:00:02']);
    expect(call('zip', [[1, 3, 5], [2, 4, 6]])).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(json(call('zip', [['A', 1, 1.5], [j('{}'), 'B']]))).toBe('[["A",{}],[1,"B"],[1.5,null]]');
    expect(call('set_union', [[1, 2, 1, 4], [1, 2], [8]])).toEqual([1, 2, 4, 8]);
    expect(call('set_union', [['A4', 'A2', 'A7', 'A2'], ['A4', 'A2', 'A7', 'A2']])).toEqual(['A4', 'A2', 'A7']);
    expect(call('set_intersect', [[1, 2, 3], [3, 2, 9]])).toEqual([2, 3]);
    expect(call('set_difference', [[1, 2, 3, 1], [2]])).toEqual([1, 3]);
    expect(call('set_has_element', [['a', 'b'], 'b'])).toBe(true);
  });
});

describe('bags (docs examples)', () => {
  it('pack, keys, has_key, merge', () => {
    expect(json(call('bag_pack', ['a', 1, 'b', 'x']))).toBe('{"a":1,"b":"x"}');
    expect(json(call('pack', ['__proto__', 1]))).toBe('{"__proto__":1}');
    expect(call('bag_keys', [j('{"a":1,"b":2}')])).toEqual(['a', 'b']);
    expect(call('bag_has_key', [j('{"a":{"b":1}}'), '$.a.b'])).toBe(true);
    expect(call('bag_has_key', [j('{"a":1}'), 'x'])).toBe(false);
    expect(json(call('bag_merge', [j("{'A1':12, 'B1':2, 'C1':3}"), j("{'A2':81, 'B2':82, 'A1':1}")]))).toBe('{"A1":12,"B1":2,"C1":3,"A2":81,"B2":82}');
  });

  it('remove_keys, set_key, zip', () => {
    expect(json(call('bag_remove_keys', [j("{'key1' : 123, 'key2': 'abc'}"), ['key2', 'key4']]))).toBe('{"key1":123}');
    const nested = j("{'key1': 123, 'key2': {'prop1' : 'abc', 'prop2': 'xyz'}, 'key3': [100, 200]}");
    expect(json(call('bag_remove_keys', [nested, ['$.key2.prop1', 'key3']]))).toBe('{"key1":123,"key2":{"prop2":"xyz"}}');
    expect(json(call('bag_set_key', [j("{'key1': 1, 'key3': 'abc'}"), 'key3', 3]))).toBe('{"key1":1,"key3":3}');
    expect(json(call('bag_set_key', [j("{'key1': 123}"), '$.key2.prop1', 'abc']))).toBe('{"key1":123,"key2":{"prop1":"abc"}}');
    expect(json(call('bag_zip', [['a', 'b', 'c'], [1, '2']]))).toBe('{"a":1,"b":"2","c":null}');
    expect(json(call('bag_zip', [['a', 8, 'b'], [1, '2', 2.5]]))).toBe('{"a":1,"b":2.5}');
    expect(json(call('bag_zip', [['a', 8, 'b'], 1], [, 'dynamic']))).toBe('{"a":null,"b":null}');
    expect(call('bag_zip', ['a', [1]], ['dynamic'])).toBeNull();
  });

  it('pack_all uses the row context', () => {
    const row = {
      columns: [{ name: 'Source', type: 'string' as const }, { name: 'Target', type: 'string' as const }, { name: 'N', type: 'long' as const }],
      values: ['555-1313', '', 42],
    };
    expect(json(callFn('pack_all', [], { row }).value)).toBe('{"Source":"555-1313","Target":"","N":42}');
    expect(json(callFn('pack_all', [true], { row }).value)).toBe('{"Source":"555-1313","N":42}');
  });
});
