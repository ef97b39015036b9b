/** Dynamic array functions: array_length … array_split, pack_array, zip, set_* operations. */
import {
  type DynamicValue, type KqlValue, cloneDynamic, compareValues, toDynamicValue, valueKey, valuesEqual,
} from '../values/index.ts';
import { argArray, argInt, argType, returnsType } from './args.ts';
import type { CallContext, ScalarFunction } from './types.ts';

const dyn = returnsType('dynamic');

/** Argument i as a dynamic value (datetimes/timespans become their string forms). */
function dynArg(args: readonly KqlValue[], ctx: CallContext, i: number): DynamicValue {
  return toDynamicValue(args[i] ?? null, argType(ctx, i));
}

export const array_length: ScalarFunction = {
  name: 'array_length',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('long'),
  impl: ([v = null]) => (Array.isArray(v) ? v.length : null),
};

/** array_index_of(array, value[, start[, length[, occurrence]]]): -1 when absent; start < 0 counts from the end. */
export const array_index_of: ScalarFunction = {
  name: 'array_index_of',
  minArgs: 2,
  maxArgs: 5,
  returns: returnsType('long'),
  impl: (args, ctx) => {
    const arr = argArray(args, 0);
    if (arr === null) return null;
    const value = dynArg(args, ctx, 1);
    let start = args.length > 2 ? argInt(args, ctx, 2) : 0;
    const length = args.length > 3 ? argInt(args, ctx, 3) : -1;
    const occurrence = args.length > 4 ? argInt(args, ctx, 4) : 1;
    if (start === null || length === null || occurrence === null || occurrence < 1) return null;
    if (start < 0) start = Math.max(0, arr.length + start);
    const end = length < 0 ? arr.length : Math.min(arr.length, start + length);
    let seen = 0;
    for (let i = start; i < end; i++) if (valuesEqual(arr[i] ?? null, value, 'dynamic') && ++seen === occurrence) return i;
    return -1;
  },
};

/** array_concat(a1, a2, …): null if any argument is not an array. */
export const array_concat: ScalarFunction = {
  name: 'array_concat',
  minArgs: 1,
  maxArgs: 64,
  returns: dyn,
  impl: (args) => (args.every(Array.isArray) ? (args as DynamicValue[][]).flat(1) : null),
};

/** array_slice(array, start, end): end inclusive; negatives count from the end. */
export const array_slice: ScalarFunction = {
  name: 'array_slice',
  minArgs: 3,
  maxArgs: 3,
  returns: dyn,
  impl: (args, ctx) => {
    const arr = argArray(args, 0);
    let start = argInt(args, ctx, 1);
    let end = argInt(args, ctx, 2);
    if (arr === null || start === null || end === null) return null;
    if (start < 0) start += arr.length;
    if (end < 0) end += arr.length;
    return arr.slice(Math.max(0, start), Math.max(0, end + 1));
  },
};

export const array_reverse: ScalarFunction = {
  name: 'array_reverse',
  minArgs: 1,
  maxArgs: 1,
  returns: dyn,
  impl: ([v = null]) => (Array.isArray(v) ? [...v].reverse() : null),
};

/** array_sum: the real sum of numeric elements; null when any element is not numeric. */
export const array_sum: ScalarFunction = {
  name: 'array_sum',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('real'),
  impl: ([v = null]) => {
    if (!Array.isArray(v)) return null;
    let sum = 0;
    for (const x of v) {
      if (typeof x === 'number') sum += x;
      else if (typeof x === 'bigint') sum += Number(x);
      else return null;
    }
    return sum;
  },
};

/** True/false per Kusto's array_iff: bools as is, numbers non-zero; anything else is "no decision". */
function truthiness(v: DynamicValue | undefined): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  return null;
}

/** array_iff(conditions, ifTrue, ifFalse): ifTrue/ifFalse are arrays (missing → null) or scalars. */
export const array_iff: ScalarFunction = {
  name: 'array_iff',
  aliases: ['array_iif'],
  minArgs: 3,
  maxArgs: 3,
  returns: dyn,
  impl: (args, ctx) => {
    const cond = argArray(args, 0);
    if (cond === null) return null;
    const pick = (i: number, k: number): DynamicValue => {
      const v = dynArg(args, ctx, i);
      return Array.isArray(v) ? (v[k] ?? null) : v;
    };
    return cond.map((c, k) => {
      const t = truthiness(c);
      return t === null ? null : pick(t ? 1 : 2, k);
    });
  },
};

/** array_split(array, index | [indices]). */
export const array_split: ScalarFunction = {
  name: 'array_split',
  minArgs: 2,
  maxArgs: 2,
  returns: dyn,
  impl: ([arr = null, idx = null]) => {
    if (!Array.isArray(arr)) return null;
    const raw = Array.isArray(idx) ? idx : [idx];
    const cuts = raw.map((x) => (typeof x === 'number' ? (x < 0 ? x + arr.length : x) : NaN));
    if (cuts.some((x) => Number.isNaN(x))) return null;
    const out: DynamicValue[] = [];
    let prev = 0;
    for (const c of [...cuts.map((c) => Math.max(0, Math.min(arr.length, c))), arr.length]) {
      out.push(arr.slice(prev, Math.max(prev, c)));
      prev = Math.max(prev, c);
    }
    return out;
  },
};

function shift(name: string, dir: 1 | -1): ScalarFunction {
  return {
    name,
    minArgs: 2,
    maxArgs: 3,
    returns: dyn,
    impl: (args, ctx) => {
      const arr = argArray(args, 0);
      const n = argInt(args, ctx, 1);
      if (arr === null || n === null) return null;
      const fill = args.length > 2 ? dynArg(args, ctx, 2) : null;
      const by = dir * n; // positive: left
      return arr.map((_, i) => {
        const j = i + by;
        return j >= 0 && j < arr.length ? (arr[j] ?? null) : fill;
      });
    },
  };
}

export const array_shift_left = shift('array_shift_left', 1);
export const array_shift_right = shift('array_shift_right', -1);

function rotate(name: string, dir: 1 | -1): ScalarFunction {
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    returns: dyn,
    impl: (args, ctx) => {
      const arr = argArray(args, 0);
      const n = argInt(args, ctx, 1);
      if (arr === null || n === null) return null;
      const len = arr.length;
      if (len === 0) return [];
      const by = (((dir * n) % len) + len) % len;
      return [...arr.slice(by), ...arr.slice(0, by)];
    },
  };
}

export const array_rotate_left = rotate('array_rotate_left', 1);
export const array_rotate_right = rotate('array_rotate_right', -1);

/**
 * array_sort_asc/desc(a1[, a2…][, nulls_last]): sorts a1 and reorders the other arrays the same way. One
 * array gives the sorted array; several give an array of the sorted arrays (the binder expands them into
 * columns; `array_sort_asc(a, b)[1]` indexes it).
 */
function sorter(name: string, dir: 1 | -1): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 64,
    returns: dyn,
    impl: (args) => {
      let nullsLast = true;
      let arrays = args;
      const last = args[args.length - 1];
      if (args.length > 1 && typeof last === 'boolean') {
        nullsLast = last;
        arrays = args.slice(0, -1);
      }
      const first = arrays[0];
      if (!Array.isArray(first) || !arrays.every(Array.isArray)) return null;
      const lists = arrays as DynamicValue[][];
      if (lists.some((l) => l.length !== first.length)) return null;
      const order = first.map((_, i) => i);
      order.sort((i, j) => {
        const a = first[i] ?? null;
        const b = first[j] ?? null;
        if (a === null || b === null) {
          if (a === b) return 0;
          return (a === null ? 1 : -1) * (nullsLast ? 1 : -1);
        }
        return dir * compareValues(a, b, 'dynamic');
      });
      const sorted = lists.map((l) => order.map((i) => l[i] ?? null));
      return sorted.length === 1 ? (sorted[0] ?? null) : sorted;
    },
  };
}

export const array_sort_asc = sorter('array_sort_asc', 1);
export const array_sort_desc = sorter('array_sort_desc', -1);

/** pack_array(v1, v2, …). */
export const pack_array: ScalarFunction = {
  name: 'pack_array',
  minArgs: 1,
  maxArgs: Infinity,
  returns: dyn,
  impl: (args, ctx) => args.map((_, i) => cloneDynamic(dynArg(args, ctx, i))),
};

/** zip(a1, a2, …): tuples, padded with null to the longest array. */
export const zip: ScalarFunction = {
  name: 'zip',
  minArgs: 2,
  maxArgs: 16,
  returns: dyn,
  impl: (args) => {
    if (!args.every(Array.isArray)) return null;
    const lists = args as DynamicValue[][];
    const n = Math.max(...lists.map((l) => l.length));
    return Array.from({ length: n }, (_, i) => lists.map((l) => l[i] ?? null));
  },
};

/** Distinct values in order of first appearance. */
function distinct(values: readonly DynamicValue[]): DynamicValue[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = valueKey(v, 'dynamic');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export const set_has_element: ScalarFunction = {
  name: 'set_has_element',
  minArgs: 2,
  maxArgs: 2,
  returns: returnsType('bool'),
  impl: (args, ctx) => {
    const arr = argArray(args, 0);
    if (arr === null) return null;
    const v = dynArg(args, ctx, 1);
    return arr.some((x) => valuesEqual(x, v, 'dynamic'));
  },
};

export const set_union: ScalarFunction = {
  name: 'set_union',
  minArgs: 2,
  maxArgs: 64,
  returns: dyn,
  impl: (args) => (args.every(Array.isArray) ? distinct((args as DynamicValue[][]).flat(1)) : null),
};

export const set_intersect: ScalarFunction = {
  name: 'set_intersect',
  minArgs: 2,
  maxArgs: 64,
  returns: dyn,
  impl: (args) => {
    if (!args.every(Array.isArray)) return null;
    const [first = [], ...rest] = args as DynamicValue[][];
    const keys = rest.map((l) => new Set(l.map((v) => valueKey(v, 'dynamic'))));
    return distinct(first).filter((v) => keys.every((s) => s.has(valueKey(v, 'dynamic'))));
  },
};

export const set_difference: ScalarFunction = {
  name: 'set_difference',
  minArgs: 2,
  maxArgs: 64,
  returns: dyn,
  impl: (args) => {
    if (!args.every(Array.isArray)) return null;
    const [first = [], ...rest] = args as DynamicValue[][];
    const drop = new Set(rest.flat(1).map((v) => valueKey(v, 'dynamic')));
    return distinct(first).filter((v) => !drop.has(valueKey(v, 'dynamic')));
  },
};

export const DYNAMIC_ARRAY_FUNCTIONS: readonly ScalarFunction[] = [
  array_length, array_index_of, array_concat, array_slice, array_reverse, array_sum, array_iff, array_split,
  array_shift_left, array_shift_right, array_rotate_left, array_rotate_right, array_sort_asc, array_sort_desc,
  pack_array, zip, set_has_element, set_union, set_intersect, set_difference,
];
