/** Argument coercions shared by the scalar functions (Kusto casts many arguments implicitly). */
import type { KqlType } from '../../schema/types.ts';
import {
  type DynamicBag, type DynamicValue, type KqlValue, isBag, toKqlString, toLongValue, toRealValue,
} from '../values/index.ts';
import type { CallContext } from './types.ts';

/** The static type of argument i (dynamic when unknown). */
export function argType(ctx: CallContext, i: number): KqlType {
  return ctx.argTypes[i] ?? 'dynamic';
}

/** Argument i as a string, as `tostring()` would print it (null → ""). */
export function argString(args: readonly KqlValue[], ctx: CallContext, i: number): string {
  return toKqlString(args[i] ?? null, argType(ctx, i));
}

/** Argument i as a real; null when null or not numeric. */
export function argReal(args: readonly KqlValue[], ctx: CallContext, i: number): number | null {
  return toRealValue(args[i] ?? null, argType(ctx, i));
}

/** Argument i as a safe integer (`number`); null when null, not numeric or beyond 2^53. */
export function argInt(args: readonly KqlValue[], ctx: CallContext, i: number): number | null {
  const v = toLongValue(args[i] ?? null, argType(ctx, i));
  return typeof v === 'number' ? v : null;
}

/** Argument i as a dynamic array, or null when it is not an array. */
export function argArray(args: readonly KqlValue[], i: number): DynamicValue[] | null {
  const v = args[i];
  return Array.isArray(v) ? v : null;
}

/** Argument i as a property bag, or null. */
export function argBag(args: readonly KqlValue[], i: number): DynamicBag | null {
  const v = args[i];
  return isBag(v) ? v : null;
}

/** A fixed result type. */
export const returnsType = (t: KqlType) => (): KqlType => t;

/** The first argument's type (for functions that return their input's type). */
export const returnsArg =
  (i: number) =>
  (types: readonly KqlType[]): KqlType =>
    types[i] ?? 'dynamic';

/** Splits a string into Unicode code points (not UTF-16 units), as Kusto counts characters. */
export function codePoints(s: string): string[] {
  return Array.from(s);
}
