/** Bitwise functions on longs: binary_and/or/xor/not, binary_shift_left/right, bitset_count_ones. */
import { type KqlValue, normalizeLong, toLongValue } from '../values/index.ts';
import { argType, returnsType } from './args.ts';
import type { CallContext, ScalarFunction } from './types.ts';

/** Argument i as a signed 64-bit bigint; null when null or not numeric. */
function longArg(args: readonly KqlValue[], ctx: CallContext, i: number): bigint | null {
  const v = toLongValue(args[i] ?? null, argType(ctx, i));
  if (v === null || v === undefined) return null;
  return BigInt.asIntN(64, typeof v === 'bigint' ? v : BigInt(Math.trunc(v)));
}

function binary(name: string, op: (a: bigint, b: bigint) => bigint): ScalarFunction {
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    returns: returnsType('long'),
    impl: (args, ctx) => {
      const a = longArg(args, ctx, 0);
      const b = longArg(args, ctx, 1);
      return a === null || b === null ? null : normalizeLong(BigInt.asIntN(64, op(a, b)));
    },
  };
}

export const binary_and = binary('binary_and', (a, b) => a & b);
export const binary_or = binary('binary_or', (a, b) => a | b);
export const binary_xor = binary('binary_xor', (a, b) => a ^ b);
/** Shifts use the count modulo 64, as .NET's `long << n` does; the right shift is arithmetic. */
export const binary_shift_left = binary('binary_shift_left', (a, n) => a << (BigInt.asUintN(64, n) & 63n));
export const binary_shift_right = binary('binary_shift_right', (a, n) => a >> (BigInt.asUintN(64, n) & 63n));

export const binary_not: ScalarFunction = {
  name: 'binary_not',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('long'),
  impl: (args, ctx) => {
    const a = longArg(args, ctx, 0);
    return a === null ? null : normalizeLong(BigInt.asIntN(64, ~a));
  },
};

/** bitset_count_ones(value): the number of set bits in the 64-bit two's complement value. */
export const bitset_count_ones: ScalarFunction = {
  name: 'bitset_count_ones',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('long'),
  impl: (args, ctx) => {
    const a = longArg(args, ctx, 0);
    if (a === null) return null;
    let u = BigInt.asUintN(64, a);
    let n = 0;
    while (u !== 0n) {
      n += Number(u & 1n);
      u >>= 1n;
    }
    return n;
  },
};

export const BINARY_FUNCTIONS: readonly ScalarFunction[] = [
  binary_and, binary_or, binary_xor, binary_not, binary_shift_left, binary_shift_right, bitset_count_ones,
];
