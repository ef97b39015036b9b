/** tohex and format_bytes. */
import { argInt, argReal, argString, argType, returnsType } from './args.ts';
import type { ScalarFunction } from './types.ts';

/** tohex(value[, minLength]): two's complement for negatives (64-bit for long, 32-bit for int). */
export const tohex: ScalarFunction = {
  name: 'tohex',
  minArgs: 1,
  maxArgs: 2,
  returns: returnsType('string'),
  impl: (args, ctx) => {
    const v = args[0];
    if (typeof v !== 'number' && typeof v !== 'bigint') return '';
    if (typeof v === 'number' && !Number.isInteger(v)) return '';
    const bits = argType(ctx, 0) === 'int' ? 32 : 64;
    const hex = BigInt.asUintN(bits, BigInt(v)).toString(16);
    const min = args.length > 1 ? (argInt(args, ctx, 1) ?? 0) : 0;
    return hex.padStart(min, '0');
  },
};

const UNITS = ['Bytes', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** format_bytes(size[, precision[, units]]): 1024-based units, chosen automatically unless given. */
export const format_bytes: ScalarFunction = {
  name: 'format_bytes',
  minArgs: 1,
  maxArgs: 3,
  returns: returnsType('string'),
  impl: (args, ctx) => {
    const size = argReal(args, ctx, 0);
    const precision = args.length > 1 ? (argInt(args, ctx, 1) ?? 0) : 0;
    if (size === null) return '';
    let unit = args.length > 2 ? UNITS.findIndex((u) => u.toLowerCase() === argString(args, ctx, 2).toLowerCase()) : -1;
    if (unit < 0) {
      unit = 0;
      while (unit < UNITS.length - 1 && Math.abs(size) >= 1024 ** (unit + 1)) unit++;
    }
    const value = size / 1024 ** unit;
    return `${value.toFixed(Math.max(0, Math.min(precision, 20)))} ${UNITS[unit] ?? ''}`;
  },
};

export const FORMAT_NUMBER_FUNCTIONS: readonly ScalarFunction[] = [tohex, format_bytes];
