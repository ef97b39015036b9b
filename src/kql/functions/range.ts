/**
 * range(start, stop[, step]): a dynamic array of start, start+step, … up to stop (inclusive), of numbers,
 * datetimes or timespans (these two as their string forms inside the dynamic array). The default step is 1
 * (1h for datetime/timespan); at most 1,048,576 elements, as Kusto caps it. A zero step or a step that moves
 * away from stop gives an empty array… except step 0 with start == stop.
 */
import { type DynamicValue, TICKS_PER_HOUR, toDynamicValue, toLongValue, toRealValue } from '../values/index.ts';
import { argType, returnsType } from './args.ts';
import type { ScalarFunction } from './types.ts';

export const RANGE_MAX_ELEMENTS = 1_048_576;

export const range: ScalarFunction = {
  name: 'range',
  minArgs: 2,
  maxArgs: 3,
  returns: returnsType('dynamic'),
  impl: (args, ctx) => {
    const [start = null, stop = null] = args;
    const step = args.length > 2 ? (args[2] ?? null) : undefined;
    if (start === null || stop === null || step === null) return null;
    const t0 = argType(ctx, 0);
    const out: DynamicValue[] = [];
    if (t0 === 'datetime' || t0 === 'timespan') {
      if (typeof start !== 'bigint' || typeof stop !== 'bigint') return null;
      const s = step === undefined ? TICKS_PER_HOUR : step;
      if (typeof s !== 'bigint') return null;
      if (s === 0n) return start === stop ? [toDynamicValue(start, t0)] : [];
      for (let v = start; (s > 0n ? v <= stop : v >= stop) && out.length < RANGE_MAX_ELEMENTS; v += s) out.push(toDynamicValue(v, t0));
      return out;
    }
    const types = args.map((_, i) => argType(ctx, i));
    if (types.every((t) => t === 'long' || t === 'int')) {
      const a = toLongValue(start, t0);
      const b = toLongValue(stop, argType(ctx, 1));
      const d = step === undefined ? 1 : toLongValue(step, argType(ctx, 2));
      if (a === null || b === null || d === null) return null;
      const [A, B, D] = [BigInt(a), BigInt(b), BigInt(d)];
      if (D === 0n) return A === B ? [Number(A)] : [];
      for (let v = A; (D > 0n ? v <= B : v >= B) && out.length < RANGE_MAX_ELEMENTS; v += D) {
        out.push(v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);
      }
      return out;
    }
    const a = toRealValue(start, t0);
    const b = toRealValue(stop, argType(ctx, 1));
    const d = step === undefined ? 1 : toRealValue(step, argType(ctx, 2));
    if (a === null || b === null || d === null || !Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(d)) return null;
    if (d === 0) return a === b ? [a] : [];
    for (let i = 0; out.length < RANGE_MAX_ELEMENTS; i++) {
      const v = a + i * d;
      if (d > 0 ? v > b : v < b) break;
      out.push(v);
    }
    return out;
  },
};

export const RANGE_FUNCTIONS: readonly ScalarFunction[] = [range];
