/** Numeric functions: bin/floor, bin_at, ceiling, round, abs, sign, sqrt, pow, exp*, log*, trig, max_of, min_of. */
import type { KqlType } from '../../schema/types.ts';
import { type KqlValue, compareValues, normalizeLong, wrapLong } from '../values/index.ts';
import { argInt, argReal, argType, returnsArg, returnsType } from './args.ts';
import type { CallContext, ScalarFunction } from './types.ts';

function floorDivBig(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** bin(value, size) for each value type; null when size ≤ 0 or an input is null. */
export function binValue(v: KqlValue, size: KqlValue, type: KqlType): KqlValue {
  if (v === null || size === null) return null;
  if (typeof v === 'bigint' && typeof size === 'bigint' && (type === 'datetime' || type === 'timespan' || type === 'long')) {
    return size <= 0n ? null : floorDivBig(v, size) * size;
  }
  const s = typeof size === 'bigint' ? Number(size) : typeof size === 'number' ? size : NaN;
  if (!(s > 0)) return null;
  if (typeof v === 'bigint') {
    // A long beyond 2^53 with an integer size stays exact.
    if (Number.isInteger(s)) return normalizeLong(floorDivBig(v, BigInt(s)) * BigInt(s));
    return normalizeLong(BigInt(Math.floor(Number(v) / s) * s));
  }
  if (typeof v !== 'number') return null;
  const r = Math.floor(v / s) * s;
  if (type === 'real' || type === 'decimal') return r;
  return Number.isFinite(r) ? (type === 'int' ? r | 0 : r) : null;
}

export const bin: ScalarFunction = {
  name: 'bin',
  aliases: ['floor'],
  minArgs: 2,
  maxArgs: 2,
  returns: returnsArg(0),
  impl: ([v = null, size = null], ctx) => binValue(v, size, argType(ctx, 0)),
};

/** bin_at(value, size, fixedPoint): bins aligned so that fixedPoint starts a bin. */
export const bin_at: ScalarFunction = {
  name: 'bin_at',
  minArgs: 3,
  maxArgs: 3,
  returns: returnsArg(0),
  impl: ([v = null, size = null, at = null], ctx) => {
    const type = argType(ctx, 0);
    if (typeof v === 'bigint' && typeof at === 'bigint') {
      const b = binValue(v - at, size, type === 'datetime' ? 'timespan' : type);
      return typeof b === 'bigint' ? b + at : null;
    }
    if (typeof v === 'number' && (typeof at === 'number' || typeof at === 'bigint')) {
      const a = Number(at);
      const b = binValue(v - a, size, type);
      return typeof b === 'number' ? b + a : null;
    }
    return null;
  },
};

/** A real function of one argument; long/int inputs are converted. */
function real1(name: string, fn: (x: number) => number, aliases?: string[]): ScalarFunction {
  return {
    name,
    ...(aliases ? { aliases } : {}),
    minArgs: 1,
    maxArgs: 1,
    returns: returnsType('real'),
    impl: (args, ctx) => {
      const x = argReal(args, ctx, 0);
      return x === null ? null : fn(x);
    },
  };
}

export const sqrt = real1('sqrt', Math.sqrt);
export const exp = real1('exp', Math.exp);
export const exp2 = real1('exp2', (x) => 2 ** x);
export const exp10 = real1('exp10', (x) => 10 ** x);
export const log = real1('log', Math.log);
export const log2 = real1('log2', Math.log2);
export const log10 = real1('log10', Math.log10);
export const sign = real1('sign', (x) => (Number.isNaN(x) ? NaN : x > 0 ? 1 : x < 0 ? -1 : 0));
export const sin = real1('sin', Math.sin);
export const cos = real1('cos', Math.cos);
export const tan = real1('tan', Math.tan);
export const asin = real1('asin', Math.asin);
export const acos = real1('acos', Math.acos);
export const atan = real1('atan', Math.atan);
export const cot = real1('cot', (x) => 1 / Math.tan(x));
export const degrees = real1('degrees', (x) => (x * 180) / Math.PI);
export const radians = real1('radians', (x) => (x * Math.PI) / 180);

export const pi: ScalarFunction = { name: 'pi', minArgs: 0, maxArgs: 0, returns: returnsType('real'), impl: () => Math.PI };

export const pow: ScalarFunction = {
  name: 'pow',
  minArgs: 2,
  maxArgs: 2,
  returns: returnsType('real'),
  impl: (args, ctx) => {
    const a = argReal(args, ctx, 0);
    const b = argReal(args, ctx, 1);
    return a === null || b === null ? null : a ** b;
  },
};

export const atan2: ScalarFunction = {
  name: 'atan2',
  minArgs: 2,
  maxArgs: 2,
  returns: returnsType('real'),
  impl: (args, ctx) => {
    const y = argReal(args, ctx, 0);
    const x = argReal(args, ctx, 1);
    return y === null || x === null ? null : Math.atan2(y, x);
  },
};

/** abs keeps the input type (long stays exact, wrapping at −2^63 like .NET unchecked). */
export const abs: ScalarFunction = {
  name: 'abs',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsArg(0),
  impl: ([v = null]) => (typeof v === 'number' ? Math.abs(v) : typeof v === 'bigint' ? wrapLong(v < 0n ? -v : v) : null),
};

/** ceiling keeps integers as they are and rounds reals up. */
export const ceiling: ScalarFunction = {
  name: 'ceiling',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsArg(0),
  impl: ([v = null]) => (typeof v === 'number' ? Math.ceil(v) : typeof v === 'bigint' ? v : null),
};

/**
 * round(x[, precision]): half away from zero on the decimal value (2.15 → 2.2), which a binary
 * `Math.round(x * 10)` would miss; precision may be negative.
 */
export function roundHalfAway(x: number, precision: number): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** precision;
  const scaled = Number((Math.abs(x) * f).toPrecision(15));
  return (Math.sign(x) * Math.round(scaled)) / f;
}

export const round: ScalarFunction = {
  name: 'round',
  minArgs: 1,
  maxArgs: 2,
  returns: returnsArg(0),
  impl: (args, ctx) => {
    const v = args[0] ?? null;
    const p = args.length > 1 ? argInt(args, ctx, 1) : 0;
    if (v === null || p === null) return null;
    if (typeof v === 'bigint') return p >= 0 ? v : normalizeLong(BigInt(roundHalfAway(Number(v), p)));
    if (typeof v !== 'number') return null;
    const t = argType(ctx, 0);
    if ((t === 'long' || t === 'int') && p >= 0) return v;
    return roundHalfAway(v, p);
  },
};

/** max_of/min_of: nulls are ignored; all null gives null. */
function extreme(name: string, sign: 1 | -1): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 64,
    returns: (t) => (t.includes('real') ? 'real' : t.includes('long') ? 'long' : (t[0] ?? 'dynamic')),
    impl: (args: readonly KqlValue[], ctx: CallContext) => {
      let best: KqlValue = null;
      args.forEach((v, i) => {
        if (v === null || v === '' ) return;
        if (best === null || sign * compareValues(v, best, argType(ctx, i)) > 0) best = v;
      });
      return best;
    },
  };
}

export const max_of = extreme('max_of', 1);
export const min_of = extreme('min_of', -1);

export const MATH_FUNCTIONS: readonly ScalarFunction[] = [
  bin, bin_at, sqrt, exp, exp2, exp10, log, log2, log10, sign, sin, cos, tan, asin, acos, atan, cot, degrees, radians,
  pi, pow, atan2, abs, ceiling, round, max_of, min_of,
];
