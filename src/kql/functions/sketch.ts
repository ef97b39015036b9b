/** Scalar functions over the exact sketches of hll() and tdigest() (values/sketch.ts). */
import { type DynamicValue, type KqlValue, valueKey } from '../values/index.ts';
import { digestEntries, digestPercentile, hllMerge } from '../values/sketch.ts';
import { returnsType } from './args.ts';
import type { ScalarFunction } from './types.ts';

const key = (v: DynamicValue): string => valueKey(v, 'dynamic');

export const dcount_hll: ScalarFunction = {
  name: 'dcount_hll',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('long'),
  impl: (args) => {
    const items: DynamicValue[] = [];
    hllMerge(items, new Set(), (args[0] ?? null) as DynamicValue, key);
    return items.length;
  },
};

export const hll_merge: ScalarFunction = {
  name: 'hll_merge',
  minArgs: 2,
  maxArgs: Infinity,
  returns: returnsType('dynamic'),
  impl: (args) => {
    const items: DynamicValue[] = [];
    const seen = new Set<string>();
    for (const a of args) hllMerge(items, seen, (a ?? null) as DynamicValue, key);
    return items;
  },
};

export const tdigest_merge: ScalarFunction = {
  name: 'tdigest_merge',
  minArgs: 2,
  maxArgs: Infinity,
  returns: returnsType('dynamic'),
  impl: (args) => args.flatMap((a) => digestEntries((a ?? null) as DynamicValue).map(([v, w]): DynamicValue => [v, w])),
};

/** The value as the binder's result type: real by default, else the type named by the optional third argument. */
function asResult(v: number | bigint | null, type: string): KqlValue {
  if (v === null) return null;
  if (type === 'datetime' || type === 'timespan') return typeof v === 'bigint' ? v : BigInt(Math.trunc(v));
  if (type === 'long' || type === 'int') return typeof v === 'bigint' ? v : Math.trunc(v);
  return Number(v);
}

export const percentile_tdigest: ScalarFunction = {
  name: 'percentile_tdigest',
  minArgs: 2,
  maxArgs: 3,
  returns: (types) => (types[2] && types[2] !== 'string' ? types[2] : 'real'),
  impl: (args, ctx) => {
    const p = args[1];
    if (typeof p !== 'number' && typeof p !== 'bigint') return null;
    const type = typeof args[2] === 'string' ? (args[2] as string) : 'real';
    return asResult(digestPercentile(digestEntries((args[0] ?? null) as DynamicValue), Number(p)), ctx.argTypes.length > 2 ? type : 'real');
  },
};

export const percentiles_array_tdigest: ScalarFunction = {
  name: 'percentiles_array_tdigest',
  minArgs: 2,
  maxArgs: Infinity,
  returns: returnsType('dynamic'),
  impl: (args) => {
    const entries = digestEntries((args[0] ?? null) as DynamicValue);
    const percents = args.length === 2 && Array.isArray(args[1]) ? args[1] : args.slice(1);
    return percents.map((p): DynamicValue => {
      const v = typeof p === 'number' || typeof p === 'bigint' ? digestPercentile(entries, Number(p)) : null;
      return v === null ? null : Number(v);
    });
  },
};

export const SKETCH_FUNCTIONS: readonly ScalarFunction[] = [dcount_hll, hll_merge, tdigest_merge, percentile_tdigest, percentiles_array_tdigest];
